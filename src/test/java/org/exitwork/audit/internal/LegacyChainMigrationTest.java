package org.exitwork.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.ExitworkApplication;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditPage;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.ChainVerification.Kind;
import org.exitwork.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation that already has entries in the earlier global SHA-256 chain is upgraded: the
 * old chain is kept and still verifies with its own algorithm, the installation's keyed chain
 * begins with an entry that seals its end, and rewriting the old chain consistently (which needs
 * no key) is caught by that seal. On H2 and PostgreSQL.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
class LegacyChainMigrationTest {

    final UUID orgA = UUID.randomUUID();
    final UUID orgB = UUID.randomUUID();

    @Test
    void theEarlierChainIsKeptSealedAndStillVerifies() {
        Map<String, Object> props = new HashMap<>(TestDatabase.newDatabase());
        props.put("exitwork.audit.checkpoint-every-entries", "0");
        props.put("exitwork.audit.checkpoint-log", "false");
        DataSource dataSource = new DriverManagerDataSource((String) props.get("spring.datasource.url"),
                (String) props.getOrDefault("spring.datasource.username", "exitwork"),
                (String) props.getOrDefault("spring.datasource.password", ""));

        // The schema as it was before the keyed chains, with a few entries in the global chain.
        org.flywaydb.core.api.configuration.FluentConfiguration flyway = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + (TestDatabase.postgres() ? "postgresql" : "h2"))
                .schemas(props.containsKey("spring.flyway.schemas") ? new String[] {(String) props.get("spring.flyway.schemas")}
                        : new String[0]);
        MigrationVersion keyedChains = MigrationVersion.fromVersion("1.18.0");
        MigrationVersion before = java.util.Arrays.stream(flyway.load().info().all())
                .map(org.flywaydb.core.api.MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(keyedChains) < 0)
                .max(MigrationVersion::compareTo).orElseThrow();
        flyway.target(before).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<AuditEntry> legacy = List.of(
                new AuditEntry(1, Instant.parse("2026-11-01T09:00:00.001Z"), orgA, null, "anna", "CASE_READ", "Kaveli Tomura", null),
                new AuditEntry(2, Instant.parse("2026-11-01T09:00:01.002Z"), null, null, "x", "SIGN_IN_FAILED", null, null),
                new AuditEntry(3, Instant.parse("2026-11-01T09:00:02.003Z"), orgB, null, "bert", "CASE_READ", "Mora Lenti", "b"),
                new AuditEntry(4, Instant.parse("2026-11-01T09:00:03.004Z"), orgA, null, "anna", "NOTE_WRITTEN", "Kaveli Tomura", "a"));
        String head = writeLegacy(jdbc, legacy);

        // Arguments, not default properties: these must win over application.properties.
        String[] arguments = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExitworkApplication.class)
                .web(WebApplicationType.NONE).profiles("test").run(arguments);
        try {
            AuditVerifier verifier = context.getBean(AuditVerifier.class);
            AuditLog log = context.getBean(AuditLog.class);
            JdbcClient db = context.getBean(JdbcClient.class);

            assertThat(verifier.verify().findings()).isEmpty();
            assertThat(verifier.verify().entriesChecked()).as("four old entries and the seal").isEqualTo(5);
            assertThat(verifier.verify().earlierChainEntries()).as("the four old entries, no audit key's tag on them")
                    .isEqualTo(4);
            assertThat(db.sql("SELECT detail FROM aud_entry WHERE chain = 'installation' AND seq = 1").query(String.class)
                    .single()).isEqualTo("legacy chain ends at entry 4 with hash " + head);

            // A's own chain starts at 1; A's old entries are still A's, without their global numbers.
            log.record(new AuditEvent(orgA, null, "anna", "CASE_READ", "Kaveli Tomura", "new"));
            List<AuditEntry> recent = log.recent(orgA, 10);
            assertThat(recent).extracting(AuditEntry::legacy).containsExactly(false, true, true);
            assertThat(recent.get(0).seq()).isEqualTo(1);
            // Paged by their keys: A's own chain first, then A's entries of the earlier chain, page by page.
            AuditPage all = log.page(orgA, null, null, 10);
            assertThat(all.entries()).extracting(e -> (e.legacy() ? "legacy " : "") + e.seq())
                    .containsExactly("1", "legacy 4", "legacy 1");
            assertThat(all.hasOlder()).isFalse();
            AuditPage first = log.page(orgA, null, null, 1);
            assertThat(first.entries()).extracting(AuditEntry::seq).containsExactly(1L);
            assertThat(first.olderBefore()).isNull();
            assertThat(first.olderLegacyFrom()).as("A's earlier entries from the first on").isZero();
            AuditPage second = log.page(orgA, null, first.olderLegacyFrom(), 1);
            assertThat(second.entries()).extracting(e -> (e.legacy() ? "legacy " : "") + e.seq()).containsExactly("legacy 4");
            assertThat(second.olderLegacyFrom()).as("not the global number 4 or 1: A's own count").isEqualTo(1L);
            AuditPage third = log.page(orgA, null, second.olderLegacyFrom(), 1);
            assertThat(third.entries()).extracting(e -> (e.legacy() ? "legacy " : "") + e.seq()).containsExactly("legacy 1");
            assertThat(third.hasOlder()).isFalse();
            assertThat(log.page(orgB, null, null, 10).entries()).extracting(AuditEntry::detail).containsExactly("b");
            assertThat(log.about(orgA, "Kaveli Tomura")).extracting(AuditEntry::action)
                    .containsExactly("CASE_READ", "NOTE_WRITTEN", "CASE_READ");
            assertThat(verifier.verify().findings()).isEmpty();

            // Changing an old entry breaks the old chain, found with the old algorithm.
            dropTrigger(db, "aud_entry_append_only", "aud_entry");
            db.sql("UPDATE aud_entry SET detail = 'nothing' WHERE chain = 'legacy' AND seq = 3").update();
            assertThat(found(verifier.verify())).containsExactly(Kind.LEGACY_BROKEN + "@3");

            // Rewriting the old chain consistently needs no key, but no longer matches the seal.
            dropTrigger(db, "aud_head_append_only", "aud_head");
            db.sql("DELETE FROM aud_entry WHERE chain = 'legacy' AND seq = 3").update();
            db.sql("UPDATE aud_entry SET seq = 3 WHERE chain = 'legacy' AND seq = 4").update();
            List<AuditEntry> rewritten = new ArrayList<>(List.of(legacy.get(0), legacy.get(1)));
            AuditEntry four = legacy.get(3);
            rewritten.add(new AuditEntry(3, four.occurredAt(), four.organisationId(), four.actorId(), four.actorName(),
                    four.action(), four.subject(), four.detail()));
            String previous = ChainHash.GENESIS;
            for (AuditEntry e : rewritten) {
                String hash = ChainHash.of(e, previous);
                db.sql("UPDATE aud_entry SET prev_hash = ?, hash = ? WHERE chain = 'legacy' AND seq = ?")
                        .params(previous, hash, e.seq()).update();
                previous = hash;
            }
            db.sql("UPDATE aud_head SET last_seq = 3, last_hash = ? WHERE id = 1").param(previous).update();
            assertThat(found(verifier.verify())).containsExactly(Kind.SEAL_MISMATCH + "@1");
        } finally {
            context.close();
        }
    }

    private static List<String> found(ChainVerification result) {
        return result.findings().stream().map(f -> f.kind() + "@" + f.seq()).toList();
    }

    private static String writeLegacy(JdbcClient jdbc, List<AuditEntry> entries) {
        String previous = ChainHash.GENESIS;
        for (AuditEntry e : entries) {
            String hash = ChainHash.of(e, previous);
            jdbc.sql("INSERT INTO aud_entry (seq, occurred_at, org_id, actor_id, actor_name, action, subject, detail, "
                            + "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(e.seq(), Timestamp.from(e.occurredAt()), e.organisationId(), e.actorId(), e.actorName(),
                            e.action(), e.subject(), e.detail(), previous, hash)
                    .update();
            previous = hash;
        }
        jdbc.sql("UPDATE aud_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(entries.size(), previous).update();
        return previous;
    }

    private static void dropTrigger(JdbcClient db, String trigger, String table) {
        db.sql(TestDatabase.postgres() ? "DROP TRIGGER " + trigger + " ON " + table : "DROP TRIGGER " + trigger).update();
    }
}
