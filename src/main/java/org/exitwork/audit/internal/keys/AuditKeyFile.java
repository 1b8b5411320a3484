package org.exitwork.audit.internal.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.UUID;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file that holds the audit keys: two Tink JSON keysets ({@code mac}, {@code signature}) in one
 * JSON object, readable by its owner only, created on first start. Every node uses the same file.
 */
public final class AuditKeyFile {

    private static final Logger log = LoggerFactory.getLogger(AuditKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String FORMAT = "exitwork-audit-keys/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditKeyFile() {
    }

    public static AuditKeys load(Path configured) {
        Path file = configured.toAbsolutePath().normalize();
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            if (posix()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(perms)) {
                    log.warn("Audit key file {} is readable by others ({}); restricting to owner.", file,
                            PosixFilePermissions.toString(perms));
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
            }
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!FORMAT.equals(root.path("format").asString(""))) {
                throw new IllegalStateException("not an Exitwork audit key file: " + file);
            }
            return AuditKeys.of(parse(root, "mac"), parse(root, "signature"));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("could not read the audit key file " + file, e);
        }
    }

    private static KeysetHandle parse(JsonNode root, String name) throws GeneralSecurityException {
        JsonNode keyset = root.get(name);
        if (keyset == null || !keyset.isObject()) {
            throw new GeneralSecurityException("no " + name + " keyset");
        }
        return TinkJsonProtoKeysetFormat.parseKeyset(keyset.toString(), InsecureSecretKeyAccess.get());
    }

    /** Writes a new file; when another node was quicker, its file stays and is the one used. */
    private static void create(Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent());
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("mac", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(AuditKeys.newMacKeyset(),
                InsecureSecretKeyAccess.get())));
        root.set("signature", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(AuditKeys.newSignatureKeyset(),
                InsecureSecretKeyAccess.get())));
        Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
            // A hard link fails if the file exists: of two nodes starting at once, one file wins whole.
            Files.createLink(file, tmp);
            log.warn("Created the audit keys at {}. Back them up with the master key, apart from the database: "
                    + "without them, the audit log can no longer be verified.", file);
        } catch (FileAlreadyExistsException e) {
            log.info("Audit key file {} was created by another node meanwhile; using it.", file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
