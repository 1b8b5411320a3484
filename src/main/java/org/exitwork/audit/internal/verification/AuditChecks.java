package org.exitwork.audit.internal.verification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.crypto.tink.Mac;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.ChainVerification.Finding;
import org.exitwork.audit.ChainVerification.Kind;
import org.exitwork.audit.internal.AuditRepository;
import org.exitwork.audit.internal.ChainHash;
import org.exitwork.audit.internal.CheckpointFile;
import org.exitwork.audit.internal.Checkpoints;
import org.exitwork.audit.internal.EntryBatch;
import org.exitwork.audit.internal.EntryMac;
import org.exitwork.audit.internal.JdbcAuditLog;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks everything there is to check: the earlier SHA-256 chain with its own algorithm, the seal
 * that ties its end into the installation's keyed chain, every entry of every keyed chain with the
 * audit key, every head, and every line of the checkpoint file against its signature, its
 * predecessor, the database's record of it and the chains it saw.
 */
@Service
public class AuditChecks implements AuditVerifier {

    /** Findings named one by one per chain; beyond that they are counted. */
    private static final int NAMED_PER_CHAIN = 20;
    /** How far from its place a moved entry is looked for. */
    private static final int SEARCH_WINDOW = 1000;

    private final AuditRepository repository;
    private final AuditKeys keys;
    private final Checkpoints checkpoints;
    private final TransactionTemplate snapshot;

    AuditChecks(AuditRepository repository, AuditKeys keys, Checkpoints checkpoints,
            PlatformTransactionManager transactions, javax.sql.DataSource dataSource) {
        this.repository = repository;
        this.keys = keys;
        this.checkpoints = checkpoints;
        // Entries and heads are read in one snapshot: an entry appended while we read is either wholly
        // there (entry and head) or wholly not, never an entry beyond its head. PostgreSQL's repeatable
        // read is that snapshot and never blocks a writer; H2's is per table, its serializable is the snapshot.
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(isH2(dataSource) ? TransactionDefinition.ISOLATION_SERIALIZABLE
                : TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    /** How often the progress is told, in entries read. */
    static final int PROGRESS_EVERY = 10_000;

    /** The threads that hash a range while the next one is read: the processors there are. */
    private static final int HASHERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Override
    public ChainVerification verify(Extent extent, Progress progress) {
        List<Finding> findings = new ArrayList<>();

        // The checkpoint file first, outside the snapshot: which chain heads were seen, by which
        // checkpoint. A checkpoint written later sees heads the snapshot below cannot know of.
        boolean fromCheckpoint = extent == Extent.FROM_CHECKPOINT;
        Map<String, TreeMap<Long, Seen>> seen = new HashMap<>();
        List<String> restores = new ArrayList<>();
        CheckpointFile.Checkpoint[] newest = new CheckpointFile.Checkpoint[1];
        findings.addAll(checkCheckpoints(seen, restores, newest, fromCheckpoint));
        // A run from the checkpoint trusts the newest signed line only when the whole file verifies;
        // otherwise it reads every entry, as a full run does.
        CheckpointFile.Checkpoint start = fromCheckpoint && findings.isEmpty() ? newest[0] : null;
        ExecutorService hashers = Executors.newFixedThreadPool(HASHERS, r -> {
            Thread t = new Thread(r, "audit-verification-hash");
            t.setDaemon(true);
            return t;
        });
        try {
            ChainVerification result = snapshot.execute(tx -> verifyChains(findings, seen, restores, start, progress,
                    hashers));
            progress.checked(result.entriesChecked());
            return result;
        } finally {
            hashers.shutdownNow();
        }
    }

    private ChainVerification verifyChains(List<Finding> findings, Map<String, TreeMap<Long, Seen>> seen,
            List<String> restores, CheckpointFile.Checkpoint start, Progress progress, ExecutorService hashers) {
        Map<String, Long> startAt = new HashMap<>();
        if (start != null) {
            // Each chain from the newest head a signed line named (lines name only the chains that moved).
            seen.forEach((chain, heads) -> {
                if (!heads.isEmpty()) {
                    startAt.put(chain, heads.lastKey());
                }
            });
        }
        Map<String, JdbcAuditLog.Head> heads = new LinkedHashMap<>();
        Map<String, UUID> organisations = new HashMap<>();
        repository.eachChainHead(row -> {
            heads.put(row.chain(), row.head());
            organisations.put(row.chain(), row.organisationId());
        });
        JdbcAuditLog.Head legacyHead = repository.legacyHead().orElse(new JdbcAuditLog.Head(0, ChainHash.GENESIS));
        // The earlier chain ended before the installation's chain began: a checkpoint that saw the
        // installation's chain vouches for it through the seal, its first entry.
        boolean legacyRead = startAt.getOrDefault(JdbcAuditLog.INSTALLATION, 0L) < 1;
        long expected = legacyRead ? legacyHead.seq() : 0;
        for (Map.Entry<String, JdbcAuditLog.Head> head : heads.entrySet()) {
            expected += Math.max(0, head.getValue().seq() - startAt.getOrDefault(head.getKey(), 1L) + 1);
        }
        progress.expecting(expected);
        Counter checked = new Counter(progress);

        long earlier = 0;
        if (legacyRead) {
            LegacyWalk legacy = new LegacyWalk();
            repository.eachLegacyEntry((entry, chain, prevHash, hash) -> {
                checked.add(1);
                legacy.next(entry, prevHash, hash);
            });
            legacy.finish(legacyHead).ifPresent(findings::add);
            earlier = checked.total;
        }

        TreeSet<String> chains = new TreeSet<>(heads.keySet());
        chains.addAll(seen.keySet());
        for (Optional<String> c = repository.nextChainWithEntries(null); c.isPresent();
                c = repository.nextChainWithEntries(c.get())) {
            chains.add(c.get());
        }
        chains.remove(JdbcAuditLog.LEGACY);
        Map<UUID, Long> perOrganisation = new HashMap<>();
        AuditEntry seal = null;
        for (String chain : chains) {
            KeyedWalk walk = new KeyedWalk(keys.mac(), chain, organisationOf(chain, organisations),
                    seen.getOrDefault(chain, new TreeMap<>()), startAt.getOrDefault(chain, 1L));
            walk(chain, walk, checked, hashers);
            if (walk.startSeq > 1 && (walk.first == null || walk.first.seq() != walk.startSeq)) {
                // The head the checkpoint saw is gone: nothing to start from, so the chain is read from its
                // first entry, and the findings say where it really ends.
                checked.total -= walk.checked;
                walk = new KeyedWalk(keys.mac(), chain, organisationOf(chain, organisations),
                        seen.getOrDefault(chain, new TreeMap<>()), 1L);
                walk(chain, walk, checked, hashers);
            }
            walk.finish(heads.get(chain));
            findings.addAll(walk.findings());
            if (walk.organisation != null) {
                perOrganisation.put(walk.organisation, walk.checked);
            }
            if (JdbcAuditLog.INSTALLATION.equals(chain)) {
                seal = walk.first;
                if (walk.startSeq > 1) {
                    AuditEntry[] first = new AuditEntry[1];
                    repository.entryAt(chain, 1, (entry, c, prev, tag) -> first[0] = entry);
                    seal = first[0];
                }
            }
        }
        if (seal != null && (!JdbcAuditLog.SEAL_ACTION.equals(seal.action())
                || !JdbcAuditLog.sealDetail(legacyHead.seq(), legacyHead.hash()).equals(seal.detail()))) {
            findings.add(new Finding(null, "installation", 1L, null, null, Kind.SEAL_MISMATCH,
                    "the first entry of the installation's chain does not seal the earlier chain as it now ends "
                            + "(entry " + legacyHead.seq() + "): the earlier chain was changed after it was sealed"));
        }
        return new ChainVerification(checked.total, findings, perOrganisation, restores,
                start == null ? null : start.number(), earlier);
    }

    /**
     * One chain from the walk's first entry on, range by range: while the hashers check one range, the
     * next is read; the walk then takes the range's rows in order, the intact ones on its fast path.
     */
    private void walk(String chain, KeyedWalk walk, Counter checked, ExecutorService hashers) {
        EntryBatch reading = new EntryBatch();
        EntryBatch hashing = new EntryBatch();
        FastEntryCheck[] checks = new FastEntryCheck[HASHERS];
        for (int i = 0; i < checks.length; i++) {
            checks[i] = new FastEntryCheck(keys, chain);
        }
        long last = repository.lastStoredSeq(chain);
        reading.before = walk.startSeq > 1 ? null : EntryMac.GENESIS;
        long[] from = {walk.startSeq};
        readNonEmpty(chain, from, last, reading);
        while (reading.size > 0) {
            EntryBatch ready = reading;
            reading = hashing;
            hashing = ready;
            List<Future<?>> hashed = hash(hashing, checks, hashers);
            reading.before = hashing.tag[hashing.size - 1];
            readNonEmpty(chain, from, last, reading);
            for (Future<?> part : hashed) {
                try {
                    part.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the audit verification was interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("could not check audit entries", e.getCause());
                }
            }
            for (int i = 0; i < hashing.size; i++) {
                walk.next(hashing, i);
            }
            checked.add(hashing.size);
        }
    }

    /** The next range with entries, from {@code from[0]} on, up to {@code last}; empty past it. */
    private void readNonEmpty(String chain, long[] from, long last, EntryBatch batch) {
        batch.size = 0;
        while (from[0] <= last) {
            int read = repository.readRange(chain, from[0], batch);
            from[0] += EntryBatch.ROWS;
            if (read > 0) {
                return;
            }
        }
    }

    private static List<Future<?>> hash(EntryBatch batch, FastEntryCheck[] checks, ExecutorService hashers) {
        List<Future<?>> parts = new ArrayList<>(checks.length);
        int per = (batch.size + checks.length - 1) / checks.length;
        for (int k = 0; k < checks.length; k++) {
            int from = k * per;
            int to = Math.min(batch.size, from + per);
            if (from >= to) {
                break;
            }
            FastEntryCheck check = checks[k];
            parts.add(hashers.submit(() -> check.check(batch, from, to)));
        }
        return parts;
    }

    /** Entries read so far, told to the progress every {@link #PROGRESS_EVERY}. */
    private static final class Counter {
        private final Progress progress;
        long total;

        Counter(Progress progress) {
            this.progress = progress;
        }

        void add(long n) {
            long before = total;
            total += n;
            if (total / PROGRESS_EVERY != before / PROGRESS_EVERY) {
                progress.checked(total);
            }
        }
    }

    private static boolean isH2(javax.sql.DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().startsWith("H2");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tell which database holds the audit log", e);
        }
    }

    private static UUID organisationOf(String chain, Map<String, UUID> organisations) {
        if (organisations.containsKey(chain)) {
            return organisations.get(chain);
        }
        try {
            return JdbcAuditLog.INSTALLATION.equals(chain) ? null : UUID.fromString(chain);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String label(String chain) {
        return JdbcAuditLog.INSTALLATION.equals(chain) ? "installation" : "organisation " + chain;
    }

    record Seen(long checkpoint, String tag) {
    }

    // ----- checkpoints -----

    private List<Finding> checkCheckpoints(Map<String, TreeMap<Long, Seen>> seen, List<String> restores,
            CheckpointFile.Checkpoint[] newest, boolean newestOnly) {
        // signed checkpoints since the last restore record, which a later restore record may supersede
        List<CheckpointFile.Checkpoint> sinceRestore = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // The database's last checkpoint is read before the file: a checkpoint is appended to the file first
        // and recorded in the database after, so one written while we verify can never look like a cut file.
        long databaseLast = repository.lastCheckpoint();
        Map<Long, String> hashes = new HashMap<>();
        java.util.Set<Long> signed = new java.util.HashSet<>();
        long[] previousNumber = {0};
        String[] previousHash = {EntryMac.GENESIS};
        int[] lineNumber = {0};
        checkpoints.file().eachLine((raw, incomplete) -> {
            int i = lineNumber[0]++;
            if (incomplete) {
                // every line is written whole with its newline: a line without one was cut
                findings.add(checkpointFinding(null, (long) i + 1, Kind.CHECKPOINT_UNREADABLE,
                        "the last line of the checkpoint file (line " + (i + 1) + ") is incomplete: the file was cut"));
                return;
            }
            Optional<CheckpointFile.Checkpoint> parsed = CheckpointFile.parse(raw);
            if (parsed.isEmpty()) {
                findings.add(checkpointFinding(null, (long) i + 1, Kind.CHECKPOINT_UNREADABLE,
                        "line " + (i + 1) + " of the checkpoint file cannot be read: it was edited"));
                previousHash[0] = CheckpointFile.hash(raw);
                return;
            }
            CheckpointFile.Checkpoint checkpoint = parsed.get();
            long number = checkpoint.number();
            if (!checkpoint.signatureVerifies(keys.verifier())) {
                findings.add(checkpointFinding(null, number, Kind.CHECKPOINT_FORGED,
                        "checkpoint " + number + " was changed: its signature does not verify"));
            } else if (checkpoint.isRestore()) {
                newest[0] = checkpoint;
                // Signed with the key, so a legitimate restore: what earlier checkpoints saw gives way to the
                // restored heads, which are checked from here on like a checkpoint's.
                signed.add(number);
                restores.add(restoreNote(checkpoint, sinceRestore));
                seen.clear();
                sinceRestore.clear();
                for (CheckpointFile.ChainHead head : checkpoint.heads()) {
                    seen.computeIfAbsent(head.chain(), c -> new TreeMap<>()).put(head.seq(), new Seen(number, head.tag()));
                }
            } else {
                newest[0] = checkpoint;
                signed.add(number);
                sinceRestore.add(checkpoint);
                for (CheckpointFile.ChainHead head : checkpoint.heads()) {
                    TreeMap<Long, Seen> chain = seen.computeIfAbsent(head.chain(), c -> new TreeMap<>());
                    chain.putIfAbsent(head.seq(), new Seen(number, head.tag()));
                    // A run from the checkpoint reads no entry before the newest head: only that is kept.
                    while (newestOnly && chain.size() > 1) {
                        chain.pollFirstEntry();
                    }
                }
            }
            if (number > previousNumber[0] + 1) {
                findings.add(checkpointFinding(number - 1, previousNumber[0] + 1, Kind.CHECKPOINT_MISSING,
                        (number - 1 == previousNumber[0] + 1 ? "checkpoint " + (previousNumber[0] + 1) + " is"
                                : "checkpoints " + (previousNumber[0] + 1) + " to " + (number - 1) + " are")
                                + " missing from the checkpoint file: lines were removed"));
            } else if (!checkpoint.previousLineHash().equals(previousHash[0])) {
                findings.add(checkpointFinding(null, number, Kind.CHECKPOINT_LINK_BROKEN,
                        "checkpoint " + number + " does not follow the line before it: a line was removed, "
                                + "inserted or changed"));
            }
            hashes.put(number, CheckpointFile.hash(raw));
            previousNumber[0] = Math.max(previousNumber[0], number);
            previousHash[0] = CheckpointFile.hash(raw);
        });

        long fileLast = previousNumber[0];
        repository.eachCheckpoint((number, hash) -> {
            if (number > fileLast) {
                return;
            }
            if (signed.contains(number) && !hashes.get(number).equals(hash)) {
                findings.add(checkpointFinding(null, number, Kind.CHECKPOINT_FORGED,
                        "checkpoint " + number + " in the file is not the line that was written"));
            }
        });
        if (databaseLast > fileLast) {
            findings.add(checkpointFinding(fileLast, databaseLast, Kind.CHECKPOINT_FILE_CUT,
                    "the checkpoint file ends at checkpoint " + fileLast + ", but checkpoint " + databaseLast
                            + " was written: the end of the file was cut off"));
        }
        return findings;
    }

    /** The restore in words, with the earlier checkpoints that saw a chain beyond the head it restored. */
    private static String restoreNote(CheckpointFile.Checkpoint restore, List<CheckpointFile.Checkpoint> earlier) {
        Map<String, Long> restored = new HashMap<>();
        restore.heads().forEach(h -> restored.put(h.chain(), h.seq()));
        List<Long> beyond = earlier.stream()
                .filter(c -> c.heads().stream().anyMatch(h -> h.seq() > restored.getOrDefault(h.chain(), 0L)))
                .map(CheckpointFile.Checkpoint::number).toList();
        String text = "checkpoint " + restore.number() + " records the restore of the backup taken "
                + restore.restoredFrom() + " (restored " + restore.at() + ")";
        if (beyond.isEmpty()) {
            return text + "; no earlier checkpoint saw further";
        }
        return text + "; " + (beyond.size() == 1 ? "checkpoint " + beyond.get(0) + " is"
                : beyond.size() + " checkpoints (" + beyond.get(0) + " to " + beyond.get(beyond.size() - 1) + ") are")
                + " superseded by the restore of " + restore.restoredFrom();
    }

    private static Finding checkpointFinding(Long other, Long checkpoint, Kind kind, String text) {
        return new Finding(null, "checkpoints", null, other, checkpoint, kind, text);
    }

    // ----- the keyed chains -----

    /**
     * Walks one keyed chain in sequence order; each entry is checked against the stored one before it. A
     * walk from a checkpoint begins at the head the checkpoint saw: that entry is checked against its own
     * stored link (the checkpoint vouches for everything before it) and its tag against the checkpoint's.
     */
    private static final class KeyedWalk {
        private final Mac mac;
        private final String chain;
        private final UUID organisation;
        private final List<Finding> findings = new ArrayList<>();
        /** What the checkpoints saw of this chain; only those entries' tags are kept while walking. */
        private final TreeMap<Long, Seen> seenByCheckpoints;
        private final Map<Long, String> tags = new HashMap<>();
        /** The first entry read: 1, or the head of the checkpoint the walk starts from. */
        final long startSeq;
        private long expectedSeq;
        /** The stored tag of the entry before, as read (String or bytes); null before a checkpoint's head. */
        private Object previousTag;
        private long nextSeen;
        private long lastSeq;
        private long checked;
        private long unnamed;
        private boolean afterMissing;
        private boolean previousFlagged;
        /**
         * Whether an entry of this walk verified with its waiting row's id under its tag: from then on the chain
         * was written by a writer that tags ids, so an entry with an id whose tag leaves it out is no longer one
         * of the previous writer's ({@link EntryMac#verifiesAsLinkedBeforeIdsWereTagged}).
         */
        private boolean idsTagged;
        AuditEntry first;

        KeyedWalk(Mac mac, String chain, UUID organisation, TreeMap<Long, Seen> seenByCheckpoints, long startSeq) {
            this.mac = mac;
            this.seenByCheckpoints = seenByCheckpoints;
            this.chain = chain;
            this.organisation = organisation;
            this.startSeq = startSeq;
            this.expectedSeq = startSeq;
            this.lastSeq = startSeq - 1;
            this.previousTag = startSeq > 1 ? null : EntryMac.GENESIS;
            Long seen = seenByCheckpoints.ceilingKey(startSeq);
            this.nextSeen = seen == null ? Long.MAX_VALUE : seen;
        }

        /** Row {@code i} of a range: on the fast path when the hashers found it intact and in its place. */
        void next(EntryBatch batch, int i) {
            long seq = batch.seq[i];
            if (!batch.fast[i] || first == null || seq != expectedSeq || previousTag == null) {
                next(batch.entry(i), batch.entryId(i), EntryBatch.text(batch.prev[i]), EntryBatch.text(batch.tag[i]));
                return;
            }
            checked++;
            if (batch.entryId[i] != null) {
                idsTagged = true;
            }
            noteSeen(seq, batch.tag[i]);
            afterMissing = false;
            previousFlagged = false;
            expectedSeq = seq + 1;
            previousTag = batch.tag[i];
            lastSeq = seq;
        }

        private String previousTag() {
            String text = EntryBatch.text(previousTag);
            return text == null ? null : text.trim();
        }

        private void noteSeen(long seq, Object tag) {
            if (seq < nextSeen) {
                return;
            }
            if (seq == nextSeen) {
                String text = EntryBatch.text(tag);
                tags.put(seq, text == null ? "" : text.trim());
            }
            Long following = seenByCheckpoints.higherKey(seq);
            nextSeen = following == null ? Long.MAX_VALUE : following;
        }

        void next(AuditEntry entry, UUID entryId, String storedPrev, String storedTag) {
            checked++;
            if (first == null) {
                first = entry;
            }
            String tag = storedTag == null ? "" : storedTag.trim();
            String prev = storedPrev == null ? "" : storedPrev.trim();
            noteSeen(entry.seq(), tag);
            if (entry.seq() > expectedSeq) {
                add(entry.seq() - 1, entry.seq(), null, Kind.MISSING, expectedSeq == entry.seq() - 1
                        ? "entry " + expectedSeq + " is missing (the next stored entry is " + entry.seq() + ")"
                        : "entries " + expectedSeq + " to " + (entry.seq() - 1) + " are missing (the next stored entry is "
                                + entry.seq() + ")", expectedSeq);
                afterMissing = true;
            }
            // From a checkpoint's head, its own stored link is all there is to check it against.
            String expectedPrev = previousTag == null ? prev : previousTag();
            boolean flagged = false;
            if (!authentic(entry, entryId, expectedPrev, tag)) {
                flagged = true;
                if (authentic(entry, entryId, prev, tag)) {
                    // after a missing or a flagged entry, an authentic entry that does not link is only the consequence
                    flagged = false;
                    if (!afterMissing && !previousFlagged) {
                        add(entry.seq(), null, null, Kind.LINK_BROKEN, "entry " + entry.seq()
                                + " is authentic but does not follow the entry stored before it: an entry before it "
                                + "was deleted or replaced", null);
                    }
                } else {
                    Long moved = authenticNumber(entry, entryId, prev, tag);
                    if (moved != null) {
                        add(entry.seq(), moved, null, Kind.OUT_OF_PLACE, "entry " + entry.seq() + " is the authentic entry "
                                + moved + ", moved: entries were deleted, renumbered or reordered", null);
                    } else {
                        add(entry.seq(), null, null, Kind.NOT_AUTHENTIC, "entry " + entry.seq()
                                + " does not verify with the audit key: it was changed or forged", null);
                    }
                }
            }
            afterMissing = false;
            previousFlagged = flagged;
            expectedSeq = entry.seq() + 1;
            previousTag = tag;
            lastSeq = entry.seq();
        }

        /**
         * Whether the entry's tag verifies over it and {@code prev}: with its id under the tag, or, before the walk
         * met such an entry, as the previous writer tagged an entry with an id (without it).
         */
        private boolean authentic(AuditEntry entry, UUID entryId, String prev, String tag) {
            if (EntryMac.verifies(mac, chain, entry, entryId, prev, tag)) {
                idsTagged |= entryId != null;
                return true;
            }
            return !idsTagged && EntryMac.verifiesAsLinkedBeforeIdsWereTagged(mac, chain, entry, entryId, prev, tag);
        }

        /** The number under which a displaced entry verifies, if it is authentic at all. */
        private Long authenticNumber(AuditEntry entry, UUID entryId, String prev, String tag) {
            if (findings.size() >= NAMED_PER_CHAIN) {
                return null;
            }
            long from = Math.max(1, entry.seq() - SEARCH_WINDOW);
            for (long n = from; n <= entry.seq() + SEARCH_WINDOW; n++) {
                if (n == entry.seq()) {
                    continue;
                }
                AuditEntry renumbered = new AuditEntry(n, entry.occurredAt(), entry.organisationId(), entry.actorId(),
                        entry.actorName(), entry.action(), entry.subject(), entry.detail());
                if (authentic(renumbered, entryId, prev, tag)) {
                    return n;
                }
            }
            return null;
        }

        void finish(JdbcAuditLog.Head head) {
            long headSeq = head == null ? 0 : head.seq();
            if (checked == 0 && startSeq > 1 && headSeq < startSeq) {
                // from a checkpoint whose head is gone with everything after it: the checkpoint's finding below
            } else if (head == null && checked > 0) {
                add(1L, lastSeq, null, Kind.AFTER_HEAD, "the chain has entries up to " + lastSeq + " but no head", null);
            } else if (headSeq > lastSeq) {
                add(lastSeq + 1, headSeq, null, Kind.BEFORE_HEAD, (headSeq == lastSeq + 1 ? "entry " + headSeq + " is"
                        : "entries " + (lastSeq + 1) + " to " + headSeq + " are") + " missing: the newest entries were deleted",
                        null);
            } else if (headSeq < lastSeq) {
                add(headSeq + 1, lastSeq, null, Kind.AFTER_HEAD, "entries " + (headSeq + 1) + " to " + lastSeq
                        + " lie beyond the chain's head (entry " + headSeq + "): appended behind the application's back", null);
            } else if (head != null && !head.hash().equals(previousTag())) {
                add(lastSeq, null, null, Kind.AFTER_HEAD, "the chain's head does not match entry " + lastSeq
                        + ": the newest entry was replaced", null);
            }
            if (!seenByCheckpoints.isEmpty()) {
                Map.Entry<Long, Seen> furthest = seenByCheckpoints.lastEntry();
                if (furthest.getKey() > lastSeq) {
                    add(lastSeq + 1, furthest.getKey(), furthest.getValue().checkpoint(), Kind.TAIL_CUT,
                            "entries from " + (lastSeq + 1) + " on are missing, but checkpoint "
                                    + furthest.getValue().checkpoint() + " saw the chain up to entry " + furthest.getKey()
                                    + ": the tail was cut off and the head moved back", null);
                }
                for (Map.Entry<Long, Seen> s : seenByCheckpoints.headMap(lastSeq, true).entrySet()) {
                    String stored = tags.get(s.getKey());
                    if (stored != null && !stored.equals(s.getValue().tag())) {
                        add(s.getKey(), null, s.getValue().checkpoint(), Kind.CHANGED_SINCE_CHECKPOINT, "entry "
                                + s.getKey() + " is not the entry checkpoint " + s.getValue().checkpoint() + " saw", null);
                        break;
                    }
                }
            }
            if (unnamed > 0) {
                findings.add(new Finding(organisation, label(chain), null, null, null, Kind.NOT_AUTHENTIC,
                        "and " + unnamed + " more entries of this chain do not fit"));
            }
        }

        private void add(Long seq, Long other, Long checkpoint, Kind kind, String text, Long firstSeq) {
            if (findings.size() >= NAMED_PER_CHAIN) {
                unnamed++;
                return;
            }
            findings.add(new Finding(organisation, label(chain), firstSeq != null ? firstSeq : seq, other, checkpoint,
                    kind, text));
        }

        List<Finding> findings() {
            return findings;
        }
    }

    // ----- the earlier, installation-wide chain -----

    /** The SHA-256 chain as it was before the keyed chains; it verifies with its own algorithm. */
    private static final class LegacyWalk {
        private long expectedSeq = 1;
        private String previousHash = ChainHash.GENESIS;
        private Finding broken;

        void next(AuditEntry entry, String storedPrev, String storedHash) {
            if (broken != null) {
                return;
            }
            if (entry.seq() != expectedSeq) {
                broken = finding(expectedSeq, "entry " + expectedSeq + " of the earlier chain is missing (next stored entry is "
                        + entry.seq() + ")");
            } else if (!previousHash.equals(storedPrev)) {
                broken = finding(entry.seq(), "entry " + entry.seq() + " of the earlier chain does not link to the entry before it");
            } else if (!ChainHash.of(entry, storedPrev).equals(storedHash)) {
                broken = finding(entry.seq(), "entry " + entry.seq() + " of the earlier chain does not match its hash");
            }
            expectedSeq = entry.seq() + 1;
            previousHash = storedHash;
        }

        Optional<Finding> finish(JdbcAuditLog.Head head) {
            if (broken != null) {
                return Optional.of(broken);
            }
            if (head.seq() != expectedSeq - 1 || !head.hash().equals(previousHash)) {
                return Optional.of(finding(expectedSeq, "the newest entries of the earlier chain are missing (it should end at entry "
                        + head.seq() + ")"));
            }
            return Optional.empty();
        }

        private static Finding finding(long seq, String text) {
            return new Finding(null, "legacy", seq, null, null, Kind.LEGACY_BROKEN, text);
        }
    }
}
