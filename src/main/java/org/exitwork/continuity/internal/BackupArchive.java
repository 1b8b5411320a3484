package org.exitwork.continuity.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.exitwork.continuity.Backups.Refused;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A backup file opened for reading: its manifest and, table by table, its rows decoded. */
final class BackupArchive implements Closeable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    interface RowConsumer {
        void accept(Object[] values) throws Exception;
    }

    private final Path file;
    private final ZipFile zip;
    private final Manifest manifest;

    private BackupArchive(Path file, ZipFile zip, Manifest manifest) {
        this.file = file;
        this.zip = zip;
        this.manifest = manifest;
    }

    static BackupArchive open(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new Refused("Cannot read " + file + " as a backup (" + e.getMessage() + "). Nothing was changed.", e);
        }
        try {
            ZipEntry entry = zip.getEntry(Manifest.ENTRY);
            if (entry == null) {
                throw new Refused(file + " is not an Exitwork backup (no " + Manifest.ENTRY + "). Nothing was changed.");
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = JSON.readValue(in, Manifest.class);
            }
            if (!Manifest.FORMAT.equals(manifest.format())) {
                throw new Refused(file + " is a backup of format " + manifest.format() + "; this version reads "
                        + Manifest.FORMAT + ". Nothing was changed.");
            }
            return new BackupArchive(file, zip, manifest);
        } catch (IOException | JacksonException e) {
            closeQuietly(zip);
            throw new Refused(file + " is not a readable Exitwork backup (" + e.getMessage() + "). Nothing was changed.", e);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    Manifest manifest() {
        return manifest;
    }

    /** Reads every row once: the counts and checksums match the manifest and every value decodes. */
    void verify() {
        for (Manifest.TableEntry table : manifest.tables()) {
            long[] rows = {0};
            String sha256 = forEachRow(table, values -> rows[0]++);
            if (rows[0] != table.rows() || !sha256.equals(table.sha256())) {
                throw new Refused("The backup " + file + " is damaged: table " + table.name() + " holds " + rows[0]
                        + " rows with checksum " + sha256 + ", its manifest says " + table.rows() + " rows with "
                        + table.sha256() + ". Nothing was changed.");
            }
        }
    }

    /** @return the SHA-256 of the table's entry, as read */
    String forEachRow(Manifest.TableEntry table, RowConsumer consumer) {
        ZipEntry entry = zip.getEntry(table.entryName());
        if (entry == null) {
            throw new Refused("The backup " + file + " is damaged: " + table.entryName() + " is missing. Nothing was changed.");
        }
        List<ColumnKind> kinds = table.columns().stream().map(c -> ColumnKind.ofCode(c.kind())).toList();
        MessageDigest digest = sha256();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new DigestInputStream(zip.getInputStream(entry), digest), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                consumer.accept(decode(table, kinds, line));
            }
        } catch (IOException e) {
            throw damaged(table, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("restoring " + table.name() + " failed: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private Object[] decode(Manifest.TableEntry table, List<ColumnKind> kinds, String line) {
        try {
            JsonNode row = JSON.readTree(line);
            if (!row.isArray() || row.size() != kinds.size()) {
                throw new IllegalArgumentException("a row does not match the table's columns");
            }
            Object[] values = new Object[kinds.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = kinds.get(i).decode(row.get(i));
            }
            return values;
        } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw damaged(table, e);
        }
    }

    private Refused damaged(Manifest.TableEntry table, Exception e) {
        return new Refused("The backup " + file + " is damaged: table " + table.name() + " cannot be read ("
                + e.getMessage() + "). Nothing was changed.", e);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // read-only; nothing to lose
        }
    }
}
