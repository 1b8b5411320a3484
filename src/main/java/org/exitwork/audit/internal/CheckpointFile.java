package org.exitwork.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;

/**
 * The checkpoint file: one line per checkpoint, each naming the head (chain, entry, tag) of every
 * chain, covering the previous line's SHA-256 and signed with the audit signature key (Ed25519).
 * Removing or editing a line breaks the numbering, the link or the signature. Several nodes may
 * append to the same file: each line is written with one write and fsync under a file lock.
 */
public final class CheckpointFile {

    static final String PREFIX = "exitwork-audit-checkpoint/1";
    /**
     * A restore record: a line in the same numbering and link as the checkpoints, signed with the same
     * key, that names the backup's time and the head of every chain as restored. Checkpoints before it
     * that saw the chains further are superseded by it; only the holder of the signing key can write one.
     */
    static final String RESTORE_PREFIX = "exitwork-audit-restore/1";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    public record ChainHead(String chain, long seq, String tag) {
    }

    /** A parsed line; {@code restoredFrom} is the backup's time for a restore record, null for a checkpoint. */
    public record Checkpoint(long number, Instant at, String previousLineHash, Instant restoredFrom, List<ChainHead> heads,
            String signature, String raw) {

        public boolean isRestore() {
            return restoredFrom != null;
        }

        String signedPart() {
            return CheckpointFile.signedPart(number, at, previousLineHash, restoredFrom, heads);
        }

        public boolean signatureVerifies(PublicKeyVerify verifier) {
            try {
                verifier.verify(Base64.getUrlDecoder().decode(signature), signedPart().getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** The file's lines, and whether its last line was cut off in the middle. */
    public record Contents(List<String> lines, boolean lastLineIncomplete) {
    }

    /** The last complete line of the file, when there is one. */
    record Tail(Optional<Checkpoint> last, String lastLineHash) {
    }

    /**
     * Each chain's newest head as the file's signed lines name it, read up to a point of the file and
     * caught up line by line under the append lock: a line names only the chains whose heads moved since,
     * so lines stay as short as the work since the last one, whatever the number of organisations. A
     * restore record names every chain and replaces what the lines before it named.
     */
    static final class Covered {
        private final Map<String, ChainHead> heads = new HashMap<>();
        private long offset;
        /** The line that ends at {@code offset}, to see that the file read so far is still the file there is. */
        private byte[] lastLine = new byte[0];

        ChainHead of(String chain) {
            return heads.get(chain);
        }

        private void reset() {
            heads.clear();
            offset = 0;
            lastLine = new byte[0];
        }

        private void take(Checkpoint checkpoint) {
            if (checkpoint.isRestore()) {
                heads.clear();
            }
            checkpoint.heads().forEach(h -> heads.put(h.chain(), h));
        }
    }

    private final Path file;

    CheckpointFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path path() {
        return file;
    }

    static String signedPart(long number, Instant at, String previousLineHash, Instant restoredFrom,
            List<ChainHead> heads) {
        StringBuilder chains = new StringBuilder();
        for (ChainHead h : heads) {
            chains.append(chains.isEmpty() ? "" : ",").append(h.chain()).append(':').append(h.seq()).append(':')
                    .append(h.tag());
        }
        return (restoredFrom == null ? PREFIX : RESTORE_PREFIX) + " no=" + number + " at=" + at + " prev="
                + previousLineHash + (restoredFrom == null ? "" : " backup=" + restoredFrom) + " chains="
                + (chains.isEmpty() ? "-" : chains);
    }

    static String line(long number, Instant at, String previousLineHash, List<ChainHead> heads, PublicKeySign signer) {
        return line(number, at, previousLineHash, null, heads, signer);
    }

    static String line(long number, Instant at, String previousLineHash, Instant restoredFrom, List<ChainHead> heads,
            PublicKeySign signer) {
        String signed = signedPart(number, at, previousLineHash, restoredFrom, heads);
        try {
            return signed + " sig=" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(signer.sign(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign an audit checkpoint", e);
        }
    }

    public static String hash(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<Checkpoint> parse(String raw) {
        List<String> parts = new ArrayList<>(List.of(raw.split(" ", -1)));
        boolean restore = !parts.isEmpty() && parts.get(0).equals(RESTORE_PREFIX);
        Instant restoredFrom = null;
        try {
            if (restore && parts.size() == 7 && parts.get(4).startsWith("backup=")) {
                restoredFrom = Instant.parse(parts.remove(4).substring(7));
            }
            if (parts.size() != 6 || !parts.get(0).equals(restore ? RESTORE_PREFIX : PREFIX)
                    || (restore && restoredFrom == null) || !parts.get(1).startsWith("no=")
                    || !parts.get(2).startsWith("at=") || !parts.get(3).startsWith("prev=")
                    || !parts.get(4).startsWith("chains=") || !parts.get(5).startsWith("sig=")) {
                return Optional.empty();
            }
            List<ChainHead> heads = new ArrayList<>();
            String chains = parts.get(4).substring(7);
            if (!chains.equals("-")) {
                for (String head : chains.split(",", -1)) {
                    String[] h = head.split(":", -1);
                    if (h.length != 3) {
                        return Optional.empty();
                    }
                    heads.add(new ChainHead(h[0], Long.parseLong(h[1]), h[2]));
                }
            }
            return Optional.of(new Checkpoint(Long.parseLong(parts.get(1).substring(3)),
                    Instant.parse(parts.get(2).substring(3)), parts.get(3).substring(5), restoredFrom, List.copyOf(heads),
                    parts.get(5).substring(4), raw));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Appends the line {@code next} makes from the file's last line, under a lock that keeps every
     * other writer (this JVM's and other processes') out; {@code next} returns null to write nothing.
     */
    Optional<String> append(Function<Tail, String> next) {
        return append(null, null, next);
    }

    /**
     * The same, with {@code covered} first caught up with the lines written since it was last (by any
     * writer; only lines whose signature verifies count), and afterwards with the line written.
     */
    Optional<String> append(Covered covered, PublicKeyVerify verifier, Function<Tail, String> next) {
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (covered != null) {
                    catchUp(channel, covered, verifier);
                }
                String content = readTail(channel);
                boolean endsClean = content.isEmpty() || content.endsWith("\n");
                Tail tail = tail(content);
                String line = next.apply(tail);
                if (line == null) {
                    return Optional.empty();
                }
                // A line cut off by a crash stays a line of its own (and is reported), never glued to this one.
                byte[] bytes = ((endsClean ? "" : "\n") + line + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = channel.size();
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                channel.force(true);
                if (covered != null) {
                    parse(line).ifPresent(covered::take);
                    covered.offset = position;
                    covered.lastLine = line.getBytes(StandardCharsets.UTF_8);
                }
                return Optional.of(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the audit checkpoint file " + file, e);
        } finally {
            local.unlock();
        }
    }

    /** Reads the complete lines after {@code covered}'s point into it; a file shorter than that point is read anew. */
    private static void catchUp(FileChannel channel, Covered covered, PublicKeyVerify verifier) throws IOException {
        long size = channel.size();
        if (size < covered.offset || !endsWith(channel, covered.offset, covered.lastLine)) {
            // replaced, cut or rewritten since (verify-audit names that): read from its first line again
            covered.reset();
        }
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = covered.offset;
        long lineStart = position;
        while (position < size) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer.get(i);
                if (b == '\n') {
                    // Only a signed line that follows the line before it: a copy of an older line put at the end
                    // (one written before a restore names heads beyond the restored ones) is not believed.
                    String before = lineStart == 0 ? EntryMac.GENESIS
                            : hash(new String(covered.lastLine, StandardCharsets.UTF_8));
                    parse(line.toString(StandardCharsets.US_ASCII))
                            .filter(c -> c.previousLineHash().equals(before) && c.signatureVerifies(verifier))
                            .ifPresent(covered::take);
                    covered.lastLine = line.toByteArray();
                    line.reset();
                    lineStart = position + i + 1;
                } else {
                    line.write(b);
                }
            }
            position += n;
        }
        // A last line without its break (cut by a crash) is not taken; the next line is written after it.
        covered.offset = lineStart;
    }

    /** Whether the bytes before {@code end} are {@code line} and its line break. */
    private static boolean endsWith(FileChannel channel, long end, byte[] line) throws IOException {
        if (end == 0) {
            return true;
        }
        if (end < line.length + 1) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1);
        long position = end - line.length - 1;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                return false;
            }
            position += n;
        }
        byte[] expected = java.util.Arrays.copyOf(line, line.length + 1);
        expected[line.length] = '\n';
        return java.util.Arrays.equals(buffer.array(), expected);
    }

    public Contents read() {
        if (!Files.exists(file)) {
            return new Contents(List.of(), false);
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return contents(content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the audit checkpoint file " + file, e);
        }
    }

    /** Sees one line of the file; {@code incomplete} only for a last line without its line break. */
    public interface LineVisitor {
        void line(String raw, boolean incomplete);
    }

    /**
     * The file's lines one by one, oldest first, read as a stream: the file grows with every checkpoint,
     * and reading it needs no more memory than its longest line.
     */
    public void eachLine(LineVisitor visitor) {
        if (!Files.exists(file)) {
            return;
        }
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    visitor.line(line.toString(StandardCharsets.UTF_8), false);
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0) {
                visitor.line(line.toString(StandardCharsets.UTF_8), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the audit checkpoint file " + file, e);
        }
    }

    static Contents contents(String content) {
        if (content.isEmpty()) {
            return new Contents(List.of(), false);
        }
        boolean incomplete = !content.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of((incomplete ? content : content.substring(0, content.length() - 1))
                .split("\n", -1)));
        return new Contents(lines, incomplete);
    }

    private static Tail tail(String content) {
        Contents contents = contents(content);
        List<String> lines = contents.lines();
        int last = lines.size() - (contents.lastLineIncomplete() ? 2 : 1);
        if (last < 0) {
            return new Tail(Optional.empty(), EntryMac.GENESIS);
        }
        String raw = lines.get(last);
        return new Tail(parse(raw), hash(raw));
    }

    /**
     * The end of the file, enough to hold its last complete line (the file grows for ever; a
     * checkpoint needs only its last line): chunks from the end until two line breaks are in.
     */
    private static String readTail(FileChannel channel) throws IOException {
        long size = channel.size();
        long chunk = Math.min(size, 64 * 1024);
        while (true) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(chunk));
            long position = size - chunk;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                position += n;
            }
            // checkpoint lines are ASCII, so a chunk never splits a character
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
            if (chunk == size || text.chars().filter(c -> c == '\n').count() >= 2) {
                return text;
            }
            chunk = Math.min(size, chunk * 4);
        }
    }
}
