package org.exitwork.keys.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key: a Tink AEAD keyset in a file readable only by its owner, one key per version; the
 * primary wraps new data keys, every version still in the file unwraps. The file is re-read when it
 * changes on disk, so every node follows a rotation. Next to it, {@link VersionsFile} records when each
 * version was created, retired and destroyed (no key material), because the database, whose copies
 * the versions must outlive or outlast, is the wrong place for it.
 */
final class MasterKeyFile {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);
    static final String KEY_TEMPLATE = "AES256_GCM";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink AEAD could not be registered", e);
        }
    }

    /** One reading of the file: wrapping with {@link #aead()} always yields {@link #primaryId()}. */
    record Snapshot(KeysetHandle handle, Aead aead, long primaryId, FileTime modified) {

        List<Long> ids() {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < handle.size(); i++) {
                ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
            }
            return ids;
        }
    }

    private final Path file;
    private final VersionsFile versions;
    private final Clock clock;
    private volatile Snapshot loaded;

    MasterKeyFile(Path file, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.clock = clock;
        this.versions = new VersionsFile(this.file.resolveSibling(this.file.getFileName() + ".versions.json"));
        if (!Files.exists(this.file)) {
            create();
        }
        this.loaded = load();
        if (!versions.exists()) {
            // An installation from before versions were recorded: its keys start their life today.
            versions.write(versions.reconciled(loaded.ids(), loaded.primaryId(), clock.instant()));
            log.info("Recorded the master key versions of {} in {}", this.file, versions.path());
        }
    }

    Path path() {
        return file;
    }

    Path versionsPath() {
        return versions.path();
    }

    /** The keyset as it is on disk now, re-read first if the file changed (a rotation on another node). */
    Snapshot current() {
        Snapshot current = loaded;
        try {
            if (!Files.getLastModifiedTime(file).equals(current.modified())) {
                synchronized (this) {
                    loaded = load();
                    current = loaded;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("master key file unreadable: " + file, e);
        }
        return current;
    }

    Aead aead() {
        return current().aead();
    }

    /** The versions as recorded, completed by what the key file shows (a crash between the two writes). */
    List<VersionsFile.Entry> versions() {
        Snapshot now = current();
        return versions.reconciled(now.ids(), now.primaryId(), clock.instant());
    }

    /** Writes the completed record back; only the node holding the rotation lock does. */
    synchronized void saveVersions() {
        versions.write(versions());
    }

    /** Adds a new primary version; the old ones stay, so every data key keeps opening. */
    synchronized long addPrimary() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(current().handle());
            builder.addEntry(KeysetHandle.generateEntryFromParametersName(KEY_TEMPLATE).withRandomId().makePrimary());
            replace(builder.build());
            saveVersions();
            return loaded.primaryId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not add a master key version", e);
        }
    }

    /** Marks a version retired: since {@code when}, no data key in the database is wrapped by it. */
    synchronized void retire(long id, Instant when) {
        versions.write(versions().stream().map(v -> v.id() == id ? v.retiredAt(when) : v).toList());
    }

    /** Removes a version from the key file for good, then records it destroyed. */
    synchronized void destroy(long id) {
        KeysetHandle handle = current().handle();
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        for (int i = handle.size() - 1; i >= 0; i--) {
            if (Integer.toUnsignedLong(handle.getAt(i).getId()) == id) {
                if (handle.getAt(i).isPrimary()) {
                    throw new IllegalStateException("the primary master key version cannot be destroyed");
                }
                builder.deleteAt(i);
            }
        }
        try {
            replace(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not remove master key version " + id, e);
        }
        saveVersions();
    }

    private void replace(KeysetHandle handle) {
        write(handle);
        loaded = load();
    }

    private void create() {
        try {
            Files.createDirectories(file.getParent());
            write(KeysetHandle.generateNew(KeyTemplates.get(KEY_TEMPLATE)));
            log.warn("Created a new master key at {}. Back it up separately from the database: "
                    + "without it, the data cannot be read by anyone.", file);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not create master key " + file, e);
        }
    }

    private void write(KeysetHandle handle) {
        try {
            OwnerOnlyFiles.writeAtomically(file,
                    TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not write master key " + file, e);
        }
    }

    private Snapshot load() {
        try {
            if (OwnerOnlyFiles.posix()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(perms)) {
                    log.warn("Master key {} is readable by others ({}); restricting to owner.", file,
                            PosixFilePermissions.toString(perms));
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
            }
            FileTime modified = Files.getLastModifiedTime(file);
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(
                    Files.readString(file, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
            return new Snapshot(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    Integer.toUnsignedLong(handle.getPrimary().getId()), modified);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not read master key " + file, e);
        }
    }
}
