package org.exitwork.keys.internal;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.exitwork.testing.Lanes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.crypto.tink.KeysetHandle;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.KeyRotation;
import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of a rotation, in a separate JVM, on an H2 file database with thousands of keys:
 * afterwards every client still decrypts, the next run finishes, and the old version goes at the horizon.
 */
// Mostly waits for JVMs of its own: runs beside the Spring tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.PROCESSES)
class RotationCrashTest {

    private static final int CLIENTS = 20_000;

    @Test
    void aRotationKilledHalfwayLosesNoKeyAndTheNextRunFinishesIt() throws Exception {
        Path dataDir = Files.createTempDirectory("exitwork-crash-");
        MutableClock clock = new MutableClock();
        long oldVersion;
        try (KeyStore store = new KeyStore(dataDir, clock, 500, 5000)) {
            store.createSchema();
            oldVersion = store.master.current().primaryId();
            fill(store);
        }

        List<String> command = ExitworkProcess.java();
        command.addAll(List.of("-Dlogging.level.root=WARN",
                RotationUntilKilled.class.getName(), dataDir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("re-wrapped ")) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("killed after the first progress line, before the end").noneMatch("finished"::equals)
                .anyMatch(l -> l.startsWith("re-wrapped 250 of " + String.format(java.util.Locale.ROOT, "%,d", CLIENTS)));

        try (KeyStore store = new KeyStore(dataDir, clock, 500, 5000)) {
            long newVersion = store.master.current().primaryId();
            assertThat(newVersion).as("the new version reached the key file before any row").isNotEqualTo(oldVersion);
            assertThat(store.master.current().ids()).contains(oldVersion, newVersion);
            JdbcTemplate jdbc = new JdbcTemplate(store.dataSource);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM key_client WHERE wrapped_by = ?", Long.class,
                    oldVersion)).as("the kill came halfway").isPositive();
            assertEveryClientDecrypts(store);

            // The killed run's lock runs out by itself (it is only kept alive while its JVM lives).
            Optional<KeyRotation.Result> finished = Optional.empty();
            Instant giveUp = Instant.now().plusSeconds(90);
            while (finished.isEmpty() && Instant.now().isBefore(giveUp)) {
                finished = store.rotation.maintain(line -> { });
                if (finished.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            assertThat(finished).isPresent();
            assertThat(finished.get().rotated()).as("a young primary is finished, not replaced").isFalse();
            assertThat(finished.get().primaryVersion()).isEqualTo(Long.toUnsignedString(newVersion));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM key_client WHERE wrapped_by <> ? OR wrapped_by IS NULL",
                    Long.class, newVersion)).isZero();
            assertEveryClientDecrypts(store);

            clock.advance(Duration.ofDays(30).plusHours(1));
            KeyRotation.Result pastHorizon = store.rotation.maintain(line -> { }).orElseThrow();
            assertThat(pastHorizon.destroyedVersions()).contains(Long.toUnsignedString(oldVersion));
            assertThat(store.master.current().ids()).doesNotContain(oldVersion);
            assertEveryClientDecrypts(store);
        }
    }

    private static void fill(KeyStore store) {
        JdbcTemplate jdbc = new JdbcTemplate(store.dataSource);
        MasterKeyFile.Snapshot master = store.master.current();
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> probes = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < CLIENTS; i++) {
            UUID client = UUID.randomUUID();
            KeysetHandle key = Envelope.newDataKey();
            Envelope.Wrapped wrapped = Envelope.wrap(key, master, Envelope.clientAd(client));
            keys.add(new Object[] {client, UUID.randomUUID(), wrapped.bytes(), wrapped.by(), now});
            probes.add(new Object[] {client, new AeadFieldCipher(Envelope.primitive(key)).encrypt(probe(client),
                    "probe " + client)});
        }
        jdbc.batchUpdate("INSERT INTO key_client (client_id, org_id, wrapped_keyset, wrapped_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", keys);
        jdbc.batchUpdate("INSERT INTO probe (client_id, sealed) VALUES (?, ?)", probes);
    }

    private static void assertEveryClientDecrypts(KeyStore store) {
        JdbcTemplate jdbc = new JdbcTemplate(store.dataSource);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT k.client_id, k.wrapped_keyset, p.sealed FROM key_client k JOIN probe p ON p.client_id = k.client_id");
        assertThat(rows).hasSize(CLIENTS);
        int readable = 0;
        for (Map<String, Object> row : rows) {
            UUID client = (UUID) row.get("client_id");
            KeysetHandle key = Envelope.unwrap((byte[]) row.get("wrapped_keyset"), store.master.aead(),
                    Envelope.clientAd(client));
            if (new AeadFieldCipher(Envelope.primitive(key)).decrypt(probe(client), (byte[]) row.get("sealed"))
                    .equals("probe " + client)) {
                readable++;
            }
        }
        assertThat(readable).isEqualTo(CLIENTS);
    }

    private static FieldRef probe(UUID client) {
        return FieldRef.of("probe", client, "sealed");
    }
}
