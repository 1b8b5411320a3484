package org.exitwork.keys.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key: a Tink AEAD keyset in a file readable only by its owner. It wraps every data
 * key. The file is re-read when it changes on disk, so a running node follows a key rotation.
 */
final class MasterKeyFile {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);
    static final String KEY_TEMPLATE = "AES256_GCM";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink AEAD could not be registered", e);
        }
    }

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(KeysetHandle handle, Aead aead, FileTime modified) {
    }

    MasterKeyFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
        if (!Files.exists(this.file)) {
            create();
        }
        this.loaded = load();
    }

    Path path() {
        return file;
    }

    /** The master AEAD, re-read first if the file changed (for instance after rotate-keys). */
    Aead aead() {
        Loaded current = loaded;
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
        return current.aead();
    }

    synchronized KeysetHandle handle() {
        aead();
        return loaded.handle();
    }

    /** Replaces the keyset on disk atomically and uses it from now on. */
    synchronized void replace(KeysetHandle handle) {
        write(handle);
        loaded = load();
    }

    private void create() {
        try {
            Files.createDirectories(file.getParent());
            write(KeysetHandle.generateNew(com.google.crypto.tink.KeyTemplates.get(KEY_TEMPLATE)));
            log.warn("Created a new master key at {}. Back it up separately from the database: "
                    + "without it, the data cannot be read by anyone.", file);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not create master key " + file, e);
        }
    }

    private void write(KeysetHandle handle) {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not write master key " + file, e);
        }
    }

    private Loaded load() {
        try {
            if (posix()) {
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
            return new Loaded(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), modified);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not read master key " + file, e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
