package org.exitwork.keys.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code <master-key-file>.versions.json}: each master-key version's id and when it was created,
 * retired and destroyed. No key material. It lives next to the key file (and, like it, outside the
 * database and its backups) because it decides when a version may go, and a restored database must
 * not bring back a decision already taken.
 */
final class VersionsFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Instants as ISO-8601 text, {@code null} when not yet. */
    record Entry(long id, String created, String retired, String destroyed) {

        Instant createdAt() {
            return Instant.parse(created);
        }

        Instant retiredAt() {
            return retired == null ? null : Instant.parse(retired);
        }

        Instant destroyedAt() {
            return destroyed == null ? null : Instant.parse(destroyed);
        }

        boolean exists() {
            return destroyed == null;
        }

        Entry retiredAt(Instant when) {
            return new Entry(id, created, when.toString(), destroyed);
        }
    }

    record Document(int format, List<Entry> versions) {
    }

    private final Path path;

    VersionsFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    List<Entry> read() {
        if (!exists()) {
            return List.of();
        }
        try {
            return JSON.readValue(Files.readString(path, StandardCharsets.UTF_8), Document.class).versions();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the master key version file " + path + " is damaged", e);
        }
    }

    void write(List<Entry> entries) {
        OwnerOnlyFiles.writeAtomically(path, JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(new Document(1, entries)));
    }

    /**
     * The recorded versions, completed by the key file: a version in the file but not recorded (a crash
     * between the two writes, or the first start after an upgrade) is created now, and retired now unless
     * it is the primary; a recorded version no longer in the file was destroyed now.
     */
    List<Entry> reconciled(List<Long> inKeyFile, long primary, Instant now) {
        List<Entry> result = new ArrayList<>();
        Set<Long> known = new HashSet<>();
        for (Entry e : read()) {
            known.add(e.id());
            if (e.exists() && !inKeyFile.contains(e.id())) {
                e = new Entry(e.id(), e.created(), e.retired() == null ? now.toString() : e.retired(), now.toString());
            }
            result.add(e);
        }
        for (long id : inKeyFile) {
            if (!known.contains(id)) {
                result.add(new Entry(id, now.toString(), id == primary ? null : now.toString(), null));
            }
        }
        result.sort(Comparator.comparing(Entry::createdAt));
        return result;
    }
}
