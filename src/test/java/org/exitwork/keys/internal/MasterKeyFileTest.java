package org.exitwork.keys.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The key file and its version record: upgrades from a plain keyset file, and a crash between the two writes. */
class MasterKeyFileTest {

    @Test
    void aPlainKeysetFileFromBeforeVersionsIsRecordedOnFirstStart() throws Exception {
        Path dir = Files.createTempDirectory("exitwork-keyfile-");
        Path file = dir.resolve("master-key.json");
        AeadConfig.register();
        KeysetHandle.Builder builder = KeysetHandle.newBuilder();
        builder.addEntry(KeysetHandle.generateEntryFromParametersName("AES256_GCM").withRandomId());
        builder.addEntry(KeysetHandle.generateEntryFromParametersName("AES256_GCM").withRandomId().makePrimary());
        KeysetHandle plain = builder.build();
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(plain, InsecureSecretKeyAccess.get()));
        long old = Integer.toUnsignedLong(plain.getAt(0).getId());
        long primary = Integer.toUnsignedLong(plain.getPrimary().getId());
        MutableClock clock = new MutableClock();

        MasterKeyFile master = new MasterKeyFile(file, clock);

        Path versions = dir.resolve("master-key.json.versions.json");
        assertThat(versions).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(versions))).isEqualTo("rw-------");
        assertThat(Files.readString(versions)).contains(Long.toString(old), Long.toString(primary))
                .doesNotContain("AES", "value");
        List<VersionsFile.Entry> recorded = master.versions();
        assertThat(recorded).extracting(VersionsFile.Entry::id).containsExactlyInAnyOrder(old, primary);
        VersionsFile.Entry oldEntry = recorded.stream().filter(v -> v.id() == old).findFirst().orElseThrow();
        VersionsFile.Entry primaryEntry = recorded.stream().filter(v -> v.id() == primary).findFirst().orElseThrow();
        // Unknown until now, so both start today; the old one is not in use as primary, so its horizon starts too.
        assertThat(oldEntry.retiredAt()).isEqualTo(clock.instant());
        assertThat(primaryEntry.createdAt()).isEqualTo(clock.instant());
        assertThat(primaryEntry.retiredAt()).isNull();
        assertThat(master.current().primaryId()).isEqualTo(primary);
    }

    @Test
    void aCrashBetweenTheKeyFileAndTheVersionFileIsMadeGoodOnTheNextRead() throws Exception {
        Path dir = Files.createTempDirectory("exitwork-keyfile-");
        Path file = dir.resolve("master-key.json");
        MutableClock clock = new MutableClock();
        MasterKeyFile master = new MasterKeyFile(file, clock);
        long first = master.current().primaryId();
        Path versions = dir.resolve("master-key.json.versions.json");
        String before = Files.readString(versions);

        clock.advance(Duration.ofHours(1));
        long second = master.addPrimary();
        Files.writeString(versions, before); // as if killed after the key file was written

        MasterKeyFile restarted = new MasterKeyFile(file, clock);
        assertThat(restarted.versions()).extracting(VersionsFile.Entry::id).containsExactly(first, second);
        assertThat(restarted.versions().get(1).retiredAt()).isNull();
        assertThat(restarted.versions().get(0).retiredAt()).isNull();

        restarted.retire(first, clock.instant());
        restarted.destroy(first);
        String recorded = Files.readString(versions);
        String notYet = recorded.replace("\"destroyed\" : \"" + clock.instant() + "\"", "\"destroyed\" : null");
        assertThat(notYet).isNotEqualTo(recorded);
        Files.writeString(versions, notYet); // as if killed after the version was removed from the key file
        assertThat(new MasterKeyFile(file, clock).versions().get(0).destroyedAt()).isEqualTo(clock.instant());
    }
}
