package org.exitwork.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.exitwork.audit.AuditDetail;
import org.exitwork.testing.ModuleDatabaseTest;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Master-key versions: rotation re-wraps every data key under a new version, the old version stays
 * for the erasure horizon (backups of its time must stay readable), then it is destroyed.
 */
@ModuleDatabaseTest
@ApplicationModuleTest(extraIncludes = "audit") // the audit module records the rotations
// A module's context, this class's alone: it runs beside the Spring tests (junit-platform.properties).
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(org.exitwork.testing.Lanes.OWN_APPLICATION)
class KeyRotationTest {

    @Autowired
    ClientKeys keys;

    @Autowired
    KeyRotation rotation;

    @Autowired
    SystemSecrets systemSecrets;

    @Autowired
    ErasureHorizon horizon;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Value("${exitwork.master-key-file}")
    Path masterKeyFile;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void startsTheKeysAndAuditModulesAlone() {
        assertThat(context.getBeanNamesForType(org.exitwork.audit.AuditLog.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(org.exitwork.cases.CaseWork.class)).isEmpty();
        assertThat(context.getBeanNamesForType(org.exitwork.accounts.AccountAdministration.class)).isEmpty();
    }

    @Test
    void rotationRewrapsEveryKeyKeepsTheOldVersionForTheHorizonThenDestroysIt() throws Exception {
        UUID client = UUID.randomUUID();
        keys.createKey(client, UUID.randomUUID());
        FieldRef ref = FieldRef.of("cas_session_note", UUID.randomUUID(), "body");
        byte[] sealed = keys.cipherFor(client).encrypt(ref, "still readable after rotation");
        FieldRef staffRef = FieldRef.of("acc_staff", UUID.randomUUID(), "totp_secret");
        byte[] staffSecret = systemSecrets.cipher().encrypt(staffRef, "SEED");

        String oldMasterJson = Files.readString(masterKeyFile);
        String oldPrimary = primaryOf(oldMasterJson);
        byte[] wrappedBefore = wrapped(client);
        assertThat(wrappedBy(client)).isEqualTo(Long.parseLong(oldPrimary));

        KeyRotation.Result result = rotation.rotateMasterKey();

        assertThat(result.rotated()).isTrue();
        assertThat(result.clientKeys()).isGreaterThanOrEqualTo(1);
        assertThat(result.systemKeys()).isEqualTo(1);
        assertThat(result.destroyedVersions()).isEmpty();
        String newMasterJson = Files.readString(masterKeyFile);
        assertThat(primaryOf(newMasterJson)).isEqualTo(result.primaryVersion()).isNotEqualTo(oldPrimary);
        assertThat(versionIds(newMasterJson)).contains(oldPrimary, result.primaryVersion());
        assertThat(wrapped(client)).isNotEqualTo(wrappedBefore);
        assertThat(wrappedBy(client)).isEqualTo(Long.parseLong(result.primaryVersion()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM key_client WHERE wrapped_by <> ? OR wrapped_by IS NULL")
                .param(Long.parseLong(result.primaryVersion())).query(Long.class).single()).isZero();
        assertThat(keys.cipherFor(client).decrypt(ref, sealed)).isEqualTo("still readable after rotation");
        assertThat(systemSecrets.cipher().decrypt(staffRef, staffSecret)).isEqualTo("SEED");
        KeyRotation.Version old = version(oldPrimary);
        assertThat(old.retired()).isEqualTo(clock.instant());
        assertThat(old.destroyed()).isNull();
        assertThat(version(result.primaryVersion()).primary()).isTrue();

        // A backup taken before the rotation still opens: the old version is in the key file.
        Aead oldMaster = aead(oldMasterJson);
        Aead current = aead(newMasterJson);
        assertThat(TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedBefore, current, clientAd(client))).isNotNull();

        clock.advance(horizon.horizon().minusMinutes(1));
        assertThat(rotation.maintain(line -> { }).orElseThrow().destroyedVersions()).doesNotContain(oldPrimary);
        assertThat(versionIds(Files.readString(masterKeyFile))).contains(oldPrimary);

        clock.advance(Duration.ofMinutes(2));
        KeyRotation.Result pastHorizon = rotation.maintain(line -> { }).orElseThrow();
        assertThat(pastHorizon.destroyedVersions()).contains(oldPrimary);
        String afterHorizon = Files.readString(masterKeyFile);
        assertThat(versionIds(afterHorizon)).doesNotContain(oldPrimary);
        assertThat(version(oldPrimary).destroyed()).isEqualTo(clock.instant());
        assertThat(Files.readString(masterKeyFile.resolveSibling(masterKeyFile.getFileName() + ".versions.json")))
                .contains(oldPrimary).doesNotContain("\"value\"", "keyData");

        // The backup's copy no longer opens with anything that still exists; everything live does.
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedBefore, aead(afterHorizon),
                clientAd(client))).isInstanceOf(GeneralSecurityException.class);
        assertThat(TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedBefore, oldMaster, clientAd(client)))
                .as("only the destroyed version opened it").isNotNull();
        assertThat(keys.cipherFor(client).decrypt(ref, sealed)).isEqualTo("still readable after rotation");
        assertThat(systemSecrets.cipher().decrypt(staffRef, staffSecret)).isEqualTo("SEED");

        List<Map<String, Object>> audited = jdbc.sql(
                "SELECT org_id, action, subject, detail FROM aud_entry WHERE action LIKE 'MASTER_KEY_%' ORDER BY seq")
                .query().listOfRows();
        assertThat(audited).extracting(row -> row.get("action")).contains("MASTER_KEY_ROTATED", "MASTER_KEY_DESTROYED");
        assertThat(audited).allSatisfy(row -> assertThat(row.get("org_id")).isNull());
        assertThat(audited).filteredOn(row -> "MASTER_KEY_DESTROYED".equals(row.get("action")))
                .extracting(row -> row.get("subject")).contains(AuditDetail.of("key.version", oldPrimary));
    }

    @Test
    void theScheduleRotatesOnlyOnceTheIntervalHasPassed() throws Exception {
        rotation.rotateMasterKey();
        String primary = primaryOf(Files.readString(masterKeyFile));

        assertThat(rotation.maintain(line -> { }).orElseThrow().rotated()).isFalse();
        assertThat(primaryOf(Files.readString(masterKeyFile))).isEqualTo(primary);

        clock.advance(horizon.rotationInterval());
        KeyRotation.Result due = rotation.maintain(line -> { }).orElseThrow();
        assertThat(due.rotated()).isTrue();
        assertThat(primaryOf(Files.readString(masterKeyFile))).isEqualTo(due.primaryVersion()).isNotEqualTo(primary);
    }

    @Test
    void keysFromBeforeVersionsWereRecordedAreRewrappedAndNamed() throws Exception {
        UUID client = UUID.randomUUID();
        keys.createKey(client, UUID.randomUUID());
        FieldRef ref = FieldRef.of("cas_identity", client, "full_name");
        byte[] sealed = keys.cipherFor(client).encrypt(ref, "Legacy");
        jdbc.sql("UPDATE key_client SET wrapped_by = NULL WHERE client_id = ?").param(client).update();

        KeyRotation.Result result = rotation.rotateMasterKey();

        assertThat(wrappedBy(client)).isEqualTo(Long.parseLong(result.primaryVersion()));
        assertThat(keys.cipherFor(client).decrypt(ref, sealed)).isEqualTo("Legacy");
    }

    @Test
    void whileAnotherNodeHoldsTheLockNothingRotates() throws Exception {
        String primary = primaryOf(Files.readString(masterKeyFile));
        jdbc.sql("DELETE FROM plf_shedlock").update();
        jdbc.sql("INSERT INTO plf_shedlock (name, lock_until, locked_at, locked_by) VALUES (?, ?, ?, ?)")
                .params("key_rotation", Timestamp.from(Instant.now().plus(Duration.ofHours(1))),
                        Timestamp.from(Instant.now()), "other-node")
                .update();
        try {
            assertThatThrownBy(() -> rotation.rotateMasterKey()).isInstanceOf(KeyRotation.Busy.class);
            clock.advance(Duration.ofDays(2));
            assertThat(rotation.maintain(line -> { })).isEmpty();
            assertThat(primaryOf(Files.readString(masterKeyFile))).isEqualTo(primary);
        } finally {
            // The other node is done: its lock has run out (ShedLock reuses the row, so it stays).
            jdbc.sql("UPDATE plf_shedlock SET lock_until = ? WHERE name = 'key_rotation'")
                    .param(Timestamp.from(Instant.now().minus(Duration.ofHours(1)))).update();
        }
        assertThat(rotation.rotateMasterKey().rotated()).isTrue();
    }

    @Test
    void progressIsReportedWithCounts() {
        List<String> lines = new ArrayList<>();
        systemSecrets.cipher();
        keys.createKey(UUID.randomUUID(), UUID.randomUUID());
        long live = jdbc.sql("SELECT COUNT(*) FROM key_client").query(Long.class).single();
        KeyRotation.Result result = rotation.rotateMasterKey(lines::add);
        assertThat(lines).contains("master key version " + result.primaryVersion() + " is now primary",
                String.format(java.util.Locale.ROOT, "re-wrapped %,d of %,d client keys", live, live),
                "re-wrapped 1 of 1 system keys");
    }

    private KeyRotation.Version version(String id) {
        return rotation.versions().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    private byte[] wrapped(UUID client) {
        return jdbc.sql("SELECT wrapped_keyset FROM key_client WHERE client_id = ?").param(client).query(byte[].class)
                .single();
    }

    private long wrappedBy(UUID client) {
        return jdbc.sql("SELECT wrapped_by FROM key_client WHERE client_id = ?").param(client).query(Long.class)
                .single();
    }

    static byte[] clientAd(UUID client) {
        return ("key_client|" + client).getBytes(StandardCharsets.UTF_8);
    }

    static Aead aead(String keysetJson) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static String primaryOf(String keysetJson) throws GeneralSecurityException {
        return Integer.toUnsignedString(TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get())
                .getPrimary().getId());
    }

    static List<String> versionIds(String keysetJson) throws GeneralSecurityException {
        KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            ids.add(Integer.toUnsignedString(handle.getAt(i).getId()));
        }
        return ids;
    }
}
