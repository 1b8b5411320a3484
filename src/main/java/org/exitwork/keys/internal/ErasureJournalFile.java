package org.exitwork.keys.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.keys.ErasureJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The erasure journal as a text file, by default {@code data/erasure-journal}:
 *
 * <pre>
 * # exitwork erasure journal 1 installation=&lt;uuid&gt; started=&lt;instant&gt;
 * &lt;instant&gt; erased &lt;uuid&gt;
 * &lt;instant&gt; rolled-back &lt;uuid&gt;
 * </pre>
 *
 * Appends only, whole lines under an exclusive file lock (several nodes may share the file) and
 * forced to disk before the erasing transaction commits. The first line names the installation and
 * when the journal began: a restore needs a journal that began before its backup was taken.
 */
class ErasureJournalFile implements ErasureJournal {

    private static final Logger log = LoggerFactory.getLogger(ErasureJournalFile.class);
    static final String HEADER = "# exitwork erasure journal 1";
    static final String ERASED = "erased";
    static final String ROLLED_BACK = "rolled-back";
    /** One JVM may hold a file lock only once: threads of this JVM take turns before taking it. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;
    private final Clock clock;

    ErasureJournalFile(Path file, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.clock = clock;
        append(List.of());
    }

    Path path() {
        return file;
    }

    @Override
    public void recordErasure(UUID id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            append(lines(ERASED, List.of(id)));
            return;
        }
        Pending pending = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(s -> s instanceof Pending p && p.journal() == this).map(Pending.class::cast)
                .findFirst().orElse(null);
        if (pending == null) {
            pending = new Pending(this);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.ids.add(id);
    }

    /** The erasures of one transaction: written before it commits, marked if it then rolls back. */
    private static final class Pending implements TransactionSynchronization {
        private final ErasureJournalFile journal;
        private final List<UUID> ids = new ArrayList<>();
        private boolean written;

        Pending(ErasureJournalFile journal) {
            this.journal = journal;
        }

        ErasureJournalFile journal() {
            return journal;
        }

        @Override
        public int getOrder() {
            // Last of all before the commit: whatever could still fail the transaction has run.
            return LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            journal.append(journal.lines(ERASED, ids));
            written = true;
        }

        @Override
        public void afterCompletion(int status) {
            // Unknown outcome: the line stays and the erasure counts (a restore errs on erasing).
            if (written && status == STATUS_ROLLED_BACK) {
                try {
                    journal.append(journal.lines(ROLLED_BACK, ids));
                } catch (RuntimeException e) {
                    log.error("Could not mark {} rolled-back erasures in the erasure journal; a restore will "
                            + "erase them", ids.size(), e);
                }
            }
        }
    }

    private List<String> lines(String what, List<UUID> ids) {
        String at = clock.instant().toString();
        return ids.stream().map(id -> at + " " + what + " " + id).toList();
    }

    /** Appends whole lines under the file lock and forces them to disk; starts the journal if new. */
    private void append(List<String> lines) {
        synchronized (IN_PROCESS) {
            try {
                boolean created = createIfMissing();
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    StringBuilder text = new StringBuilder();
                    long size = channel.size();
                    if (size == 0) {
                        text.append(HEADER).append(" installation=").append(UUID.randomUUID())
                                .append(" started=").append(clock.instant()).append('\n');
                    } else if (!endsWithNewline(channel, size)) {
                        // A line torn by a crash before it was forced: its transaction never committed.
                        text.append('\n');
                    }
                    lines.forEach(line -> text.append(line).append('\n'));
                    if (text.isEmpty()) {
                        return;
                    }
                    // At the end as the lock found it: every writer appends under the same lock.
                    ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                    long position = size;
                    while (bytes.hasRemaining()) {
                        position += channel.write(bytes, position);
                    }
                    channel.force(true);
                }
                if (created) {
                    forceDirectory();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the erasure journal " + file, e);
            }
        }
    }

    private boolean createIfMissing() throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false; // another node was first
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can force a directory; the file itself is forced.
        }
    }

    @Override
    public Contents read() {
        List<String> lines;
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                    FileLock lock = channel.lock(0, Long.MAX_VALUE, true)) {
                ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(channel.size()));
                while (all.hasRemaining() && channel.read(all) >= 0) {
                    // read on
                }
                lines = new String(all.array(), 0, all.position(), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the erasure journal " + file, e);
            }
        }
        return parse(lines);
    }

    static Contents parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER + " ")) {
            throw new IllegalStateException("not an erasure journal (no header line)");
        }
        Map<String, String> header = new HashMap<>();
        for (String field : lines.get(0).substring(HEADER.length()).trim().split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                header.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        UUID installation = UUID.fromString(header.get("installation"));
        Instant started = Instant.parse(header.get("started"));
        // Per id, the times of its erasures still standing; a rollback cancels the latest one.
        Map<UUID, Deque<Instant>> standing = new LinkedHashMap<>();
        List<Entry> order = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 3) {
                continue; // torn by a crash before it was forced: never committed
            }
            try {
                Instant at = Instant.parse(parts[0]);
                UUID id = UUID.fromString(parts[2]);
                if (ERASED.equals(parts[1])) {
                    standing.computeIfAbsent(id, k -> new ArrayDeque<>()).push(at);
                    order.add(new Entry(at, id));
                } else if (ROLLED_BACK.equals(parts[1])) {
                    Deque<Instant> times = standing.get(id);
                    if (times != null && !times.isEmpty()) {
                        Instant cancelled = times.pop();
                        order.remove(new Entry(cancelled, id));
                    }
                }
            } catch (DateTimeParseException | IllegalArgumentException e) {
                // torn line, as above
            }
        }
        return new Contents(installation, started, List.copyOf(order));
    }
}
