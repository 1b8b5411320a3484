package org.exitwork.audit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.google.crypto.tink.Mac;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.ChainVerification.Finding;
import org.exitwork.audit.ChainVerification.Kind;
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
class AuditChecks implements AuditVerifier {

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

    @Override
    public ChainVerification verify() {
        return verify(checked -> { });
    }

    @Override
    public ChainVerification verify(java.util.function.LongConsumer progress) {
        List<Finding> findings = new ArrayList<>();

        // The checkpoint file first, outside the snapshot: which chain heads were seen, by which
        // checkpoint. A checkpoint written later sees heads the snapshot below cannot know of.
        Map<String, TreeMap<Long, Seen>> seen = new HashMap<>();
        List<String> restores = new ArrayList<>();
        findings.addAll(checkCheckpoints(seen, restores));
        ChainVerification result = snapshot.execute(tx -> verifyChains(findings, seen, restores, progress));
        progress.accept(result.entriesChecked());
        return result;
    }

    private ChainVerification verifyChains(List<Finding> findings, Map<String, TreeMap<Long, Seen>> seen,
            List<String> restores, java.util.function.LongConsumer progress) {
        long[] checked = {0};

        LegacyWalk legacy = new LegacyWalk();
        repository.eachLegacyEntry((entry, chain, prevHash, hash) -> {
            if (++checked[0] % PROGRESS_EVERY == 0) {
                progress.accept(checked[0]);
            }
            legacy.next(entry, prevHash, hash);
        });
        JdbcAuditLog.Head legacyHead = repository.legacyHead().orElse(new JdbcAuditLog.Head(0, ChainHash.GENESIS));
        legacy.finish(legacyHead).ifPresent(findings::add);

        Map<String, JdbcAuditLog.Head> heads = new LinkedHashMap<>();
        Map<String, UUID> organisations = new HashMap<>();
        repository.eachChainHead(row -> {
            heads.put(row.chain(), row.head());
            organisations.put(row.chain(), row.organisationId());
        });

        Map<String, KeyedWalk> walks = new TreeMap<>();
        repository.eachKeyedEntry((entry, chain, prevHash, hash) -> {
            if (++checked[0] % PROGRESS_EVERY == 0) {
                progress.accept(checked[0]);
            }
            walks.computeIfAbsent(chain, c -> new KeyedWalk(keys.mac(), c, organisationOf(c, organisations),
                            seen.getOrDefault(c, new TreeMap<>())))
                    .next(entry, prevHash, hash);
        });
        TreeSet<String> chains = new TreeSet<>(walks.keySet());
        chains.addAll(heads.keySet());
        chains.addAll(seen.keySet());
        Map<UUID, Long> perOrganisation = new HashMap<>();
        for (String chain : chains) {
            KeyedWalk walk = walks.computeIfAbsent(chain, c -> new KeyedWalk(keys.mac(), c, organisationOf(c, organisations),
                    seen.getOrDefault(c, new TreeMap<>())));
            walk.finish(heads.get(chain));
            findings.addAll(walk.findings());
            if (walk.organisation != null) {
                perOrganisation.put(walk.organisation, walk.checked);
            }
        }
        KeyedWalk installation = walks.get(JdbcAuditLog.INSTALLATION);
        if (installation != null && installation.first != null) {
            AuditEntry seal = installation.first;
            if (!JdbcAuditLog.SEAL_ACTION.equals(seal.action())
                    || !JdbcAuditLog.sealDetail(legacyHead.seq(), legacyHead.hash()).equals(seal.detail())) {
                findings.add(new Finding(null, "installation", 1L, null, null, Kind.SEAL_MISMATCH,
                        "the first entry of the installation's chain does not seal the earlier chain as it now ends "
                                + "(entry " + legacyHead.seq() + "): the earlier chain was changed after it was sealed"));
            }
        }
        return new ChainVerification(checked[0], findings, perOrganisation, restores);
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

    private List<Finding> checkCheckpoints(Map<String, TreeMap<Long, Seen>> seen, List<String> restores) {
        // signed checkpoints since the last restore record, which a later restore record may supersede
        List<CheckpointFile.Checkpoint> sinceRestore = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // The database's last checkpoint is read before the file: a checkpoint is appended to the file first
        // and recorded in the database after, so one written while we verify can never look like a cut file.
        long databaseLast = repository.lastCheckpoint();
        CheckpointFile.Contents contents = checkpoints.file().read();
        Map<Long, String> hashes = new HashMap<>();
        java.util.Set<Long> signed = new java.util.HashSet<>();
        long previousNumber = 0;
        String previousHash = EntryMac.GENESIS;
        List<String> lines = contents.lines();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            boolean last = i == lines.size() - 1;
            if (last && contents.lastLineIncomplete()) {
                // every line is written whole with its newline: a line without one was cut
                findings.add(checkpointFinding(null, (long) i + 1, Kind.CHECKPOINT_UNREADABLE,
                        "the last line of the checkpoint file (line " + (i + 1) + ") is incomplete: the file was cut"));
                continue;
            }
            Optional<CheckpointFile.Checkpoint> parsed = CheckpointFile.parse(raw);
            if (parsed.isEmpty()) {
                findings.add(checkpointFinding(null, (long) i + 1, Kind.CHECKPOINT_UNREADABLE,
                        "line " + (i + 1) + " of the checkpoint file cannot be read: it was edited"));
                previousHash = CheckpointFile.hash(raw);
                continue;
            }
            CheckpointFile.Checkpoint checkpoint = parsed.get();
            long number = checkpoint.number();
            if (!checkpoint.signatureVerifies(keys.verifier())) {
                findings.add(checkpointFinding(null, number, Kind.CHECKPOINT_FORGED,
                        "checkpoint " + number + " was changed: its signature does not verify"));
            } else if (checkpoint.isRestore()) {
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
                signed.add(number);
                sinceRestore.add(checkpoint);
                for (CheckpointFile.ChainHead head : checkpoint.heads()) {
                    seen.computeIfAbsent(head.chain(), c -> new TreeMap<>())
                            .putIfAbsent(head.seq(), new Seen(number, head.tag()));
                }
            }
            if (number > previousNumber + 1) {
                findings.add(checkpointFinding(number - 1, previousNumber + 1, Kind.CHECKPOINT_MISSING,
                        (number - 1 == previousNumber + 1 ? "checkpoint " + (previousNumber + 1) + " is"
                                : "checkpoints " + (previousNumber + 1) + " to " + (number - 1) + " are")
                                + " missing from the checkpoint file: lines were removed"));
            } else if (!checkpoint.previousLineHash().equals(previousHash)) {
                findings.add(checkpointFinding(null, number, Kind.CHECKPOINT_LINK_BROKEN,
                        "checkpoint " + number + " does not follow the line before it: a line was removed, "
                                + "inserted or changed"));
            }
            hashes.put(number, CheckpointFile.hash(raw));
            previousNumber = Math.max(previousNumber, number);
            previousHash = CheckpointFile.hash(raw);
        }
        long fileLast = previousNumber;
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

    /** Walks one keyed chain in sequence order; each entry is checked against the stored one before it. */
    private static final class KeyedWalk {
        private final Mac mac;
        private final String chain;
        private final UUID organisation;
        private final List<Finding> findings = new ArrayList<>();
        /** What the checkpoints saw of this chain; only those entries' tags are kept while walking. */
        private final TreeMap<Long, Seen> seenByCheckpoints;
        private final Map<Long, String> tags = new HashMap<>();
        private long expectedSeq = 1;
        private String previousTag = EntryMac.GENESIS;
        private long lastSeq;
        private long checked;
        private long unnamed;
        private boolean afterMissing;
        private boolean previousFlagged;
        AuditEntry first;

        KeyedWalk(Mac mac, String chain, UUID organisation, TreeMap<Long, Seen> seenByCheckpoints) {
            this.mac = mac;
            this.seenByCheckpoints = seenByCheckpoints;
            this.chain = chain;
            this.organisation = organisation;
        }

        void next(AuditEntry entry, String storedPrev, String storedTag) {
            checked++;
            if (first == null) {
                first = entry;
            }
            String tag = storedTag == null ? "" : storedTag.trim();
            String prev = storedPrev == null ? "" : storedPrev.trim();
            if (seenByCheckpoints.containsKey(entry.seq())) {
                tags.put(entry.seq(), tag);
            }
            if (entry.seq() > expectedSeq) {
                add(entry.seq() - 1, entry.seq(), null, Kind.MISSING, expectedSeq == entry.seq() - 1
                        ? "entry " + expectedSeq + " is missing (the next stored entry is " + entry.seq() + ")"
                        : "entries " + expectedSeq + " to " + (entry.seq() - 1) + " are missing (the next stored entry is "
                                + entry.seq() + ")", expectedSeq);
                afterMissing = true;
            }
            boolean flagged = false;
            if (!EntryMac.verifies(mac, chain, entry, previousTag, tag)) {
                flagged = true;
                if (EntryMac.verifies(mac, chain, entry, prev, tag)) {
                    // after a missing or a flagged entry, an authentic entry that does not link is only the consequence
                    flagged = false;
                    if (!afterMissing && !previousFlagged) {
                        add(entry.seq(), null, null, Kind.LINK_BROKEN, "entry " + entry.seq()
                                + " is authentic but does not follow the entry stored before it: an entry before it "
                                + "was deleted or replaced", null);
                    }
                } else {
                    Long moved = authenticNumber(entry, prev, tag);
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

        /** The number under which a displaced entry verifies, if it is authentic at all. */
        private Long authenticNumber(AuditEntry entry, String prev, String tag) {
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
                if (EntryMac.verifies(mac, chain, renumbered, prev, tag)) {
                    return n;
                }
            }
            return null;
        }

        void finish(JdbcAuditLog.Head head) {
            long headSeq = head == null ? 0 : head.seq();
            if (head == null && checked > 0) {
                add(1L, lastSeq, null, Kind.AFTER_HEAD, "the chain has entries up to " + lastSeq + " but no head", null);
            } else if (headSeq > lastSeq) {
                add(lastSeq + 1, headSeq, null, Kind.BEFORE_HEAD, (headSeq == lastSeq + 1 ? "entry " + headSeq + " is"
                        : "entries " + (lastSeq + 1) + " to " + headSeq + " are") + " missing: the newest entries were deleted",
                        null);
            } else if (headSeq < lastSeq) {
                add(headSeq + 1, lastSeq, null, Kind.AFTER_HEAD, "entries " + (headSeq + 1) + " to " + lastSeq
                        + " lie beyond the chain's head (entry " + headSeq + "): appended behind the application's back", null);
            } else if (head != null && !head.hash().equals(previousTag)) {
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
