package org.exitwork.audit.internal.verification;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditRestore;
import org.exitwork.audit.internal.AuditSettings;
import org.exitwork.audit.internal.CheckpointFile;
import org.exitwork.audit.internal.Checkpoints;
import org.exitwork.audit.internal.EntryMac;
import org.exitwork.audit.internal.JdbcAuditLog;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.springframework.stereotype.Service;

/**
 * The audit log's part of a restore. The newest entry of every keyed chain in the backup must verify
 * with the audit key here: the key file is not in the backup, and without the installation's own key
 * the restored log could never be verified again. The backup's newest recorded checkpoint must be a
 * line of the checkpoint file here: without the installation's file, nothing would show whether the
 * tails of the chains were later cut, and verify-audit would report the file as cut for ever.
 */
@Service
public class RestoreChecks implements AuditRestore {

    private final AuditKeys keys;
    private final Checkpoints checkpoints;
    private final Path keyFile;

    RestoreChecks(AuditKeys keys, Checkpoints checkpoints, AuditSettings settings) {
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.keyFile = settings.keyFile().toAbsolutePath().normalize();
    }

    @Override
    public Set<String> tables() {
        return Set.of("aud_entry", "aud_checkpoint");
    }

    @Override
    public long restored(Instant backupTakenAt) {
        return checkpoints.restored(backupTakenAt);
    }

    @Override
    public Check check() {
        return new Check() {
            /** The newest entry of each keyed chain seen so far, with its stored link and tag. */
            private final Map<String, Map<String, Object>> newest = new TreeMap<>();
            private long lastCheckpoint;
            private String lastCheckpointHash;

            @Override
            public void row(String table, Map<String, Object> row) {
                if (table.equals("aud_entry")) {
                    String chain = (String) row.get("chain");
                    if (!JdbcAuditLog.LEGACY.equals(chain)) {
                        Map<String, Object> known = newest.get(chain);
                        if (known == null || (Long) known.get("seq") < (Long) row.get("seq")) {
                            newest.put(chain, new HashMap<>(row));
                        }
                    }
                } else if (table.equals("aud_checkpoint")) {
                    long number = (Long) row.get("checkpoint_no");
                    if (number > lastCheckpoint) {
                        lastCheckpoint = number;
                        lastCheckpointHash = ((String) row.get("line_hash")).trim();
                    }
                }
            }

            @Override
            public Optional<String> refusal() {
                long failing = newest.entrySet().stream().filter(e -> !verifies(e.getKey(), e.getValue())).count();
                if (failing > 0) {
                    return Optional.of("The backup's audit log does not verify with the audit key here (" + keyFile
                            + "): the newest entry of " + failing + " of its " + newest.size() + " chains fails. "
                            + "The audit key file is not in the backup; copy this installation's audit-keys.json "
                            + "(kept apart with the master key) to the path set by exitwork.audit.key-file "
                            + "(EXITWORK_AUDIT_KEY_FILE) and run restore again. Nothing was changed.");
                }
                if (lastCheckpoint > 0 && !fileHolds(lastCheckpoint, lastCheckpointHash)) {
                    return Optional.of("The backup recorded audit checkpoint " + lastCheckpoint + ", but the "
                            + "checkpoint file here (" + checkpoints.file().path() + ") does not hold it. Without the "
                            + "installation's checkpoint file a cut audit log could not be told from a restored one: "
                            + "copy this installation's newest audit-checkpoints.log (kept apart with the keys) to the "
                            + "path set by exitwork.audit.checkpoint-file (EXITWORK_AUDIT_CHECKPOINT_FILE) and run "
                            + "restore again. Nothing was changed.");
                }
                return Optional.empty();
            }
        };
    }

    private boolean verifies(String chain, Map<String, Object> row) {
        AuditEntry entry = new AuditEntry((Long) row.get("seq"), ((OffsetDateTime) row.get("occurred_at")).toInstant(),
                (UUID) row.get("org_id"), (UUID) row.get("actor_id"), (String) row.get("actor_name"),
                (String) row.get("action"), (String) row.get("subject"), (String) row.get("detail"), false);
        UUID entryId = (UUID) row.get("entry_id");
        String prev = (String) row.get("prev_hash");
        String tag = (String) row.get("hash");
        // a chain untouched since the upgrade ends with an entry the previous writer linked (its id beside the tag)
        return EntryMac.verifies(keys.mac(), chain, entry, entryId, prev, tag)
                || EntryMac.verifiesAsLinkedBeforeIdsWereTagged(keys.mac(), chain, entry, entryId, prev, tag);
    }

    private boolean fileHolds(long number, String hash) {
        for (String line : checkpoints.file().read().lines()) {
            Optional<CheckpointFile.Checkpoint> parsed = CheckpointFile.parse(line);
            if (parsed.isPresent() && parsed.get().number() == number) {
                return CheckpointFile.hash(line).equals(hash) && parsed.get().signatureVerifies(keys.verifier());
            }
        }
        return false;
    }
}
