package org.exitwork.commands.internal;

import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.cases.Erasure;
import org.exitwork.commands.Command;
import org.exitwork.commands.CommandRunner;
import org.exitwork.continuity.Backups;
import org.exitwork.keys.KeyRotation;
import org.springframework.stereotype.Service;

@Service
class Commands implements CommandRunner {

    private final AuditVerifier auditVerifier;
    private final KeyRotation keyRotation;
    private final DemoData demoData;
    private final Erasure erasure;
    private final Backups backups;

    Commands(AuditVerifier auditVerifier, KeyRotation keyRotation, DemoData demoData, Erasure erasure,
            Backups backups) {
        this.backups = backups;
        this.erasure = erasure;
        this.auditVerifier = auditVerifier;
        this.keyRotation = keyRotation;
        this.demoData = demoData;
    }

    @Override
    public int run(Command command, String[] args) {
        return switch (command) {
            case VERIFY_AUDIT -> verifyAudit(java.util.Arrays.asList(args).contains("--full"));
            case DEMO_DATA -> demoData.fill(System.out);
            case ROTATE_KEYS -> rotateKeys();
            case ERASE_EXPIRED -> {
                for (org.exitwork.cases.Erasure.Erased erased : erasure.eraseEverythingExpired()) {
                    System.out.println("Erased " + erased.count() + " " + erased.what()
                            + " whose retention period had passed.");
                }
                System.out.println("Purged the remaining rows of " + erasure.purgeErased() + " erased clients.");
                yield 0;
            }
            case BACKUP -> withFile(command, args, this::backup);
            case RESTORE -> withFile(command, args, this::restore);
        };
    }

    /** The first argument that is not a Spring property ({@code --name=value}) names the file. */
    private static int withFile(Command command, String[] args, java.util.function.ToIntFunction<java.nio.file.Path> run) {
        java.util.Optional<String> file = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst();
        if (file.isEmpty()) {
            System.out.println("Usage: java -jar exitwork.jar " + command.cliName() + " <file>");
            return 2;
        }
        try {
            return run.applyAsInt(java.nio.file.Path.of(file.get()));
        } catch (Backups.Refused e) {
            System.out.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // A restore writes in one transaction: whatever failed, it was rolled back.
            System.out.println(command.cliName() + " failed: " + e.getMessage()
                    + (command == Command.RESTORE ? " Nothing was changed." : ""));
            return 1;
        }
    }

    private int backup(java.nio.file.Path file) {
        Backups.Written written = backups.backup(file);
        System.out.println("Backup written to " + written.file() + ": " + written.tables() + " tables, " + written.rows()
                + " rows, schema version " + written.schemaVersion() + ", taken " + written.takenAt() + ".");
        System.out.println("It holds no key material. Keep the master key, the audit keys, the erasure journal and the "
                + "audit checkpoint file apart from it: restoring needs them all.");
        return 0;
    }

    private int restore(java.nio.file.Path file) {
        Backups.Restored restored = backups.restore(file);
        System.out.println("Restored " + file + " (taken " + restored.takenAt() + ", schema version "
                + restored.schemaVersion() + "): " + restored.tables() + " tables, " + restored.rows() + " rows.");
        System.out.println("Erased again " + restored.erasuresReapplied()
                + " clients and referrals erased after the backup was taken.");
        System.out.println("Restore recorded as signed audit checkpoint " + restored.restoreRecord()
                + ": checkpoints that saw the audit chains beyond the backup are superseded by it.");
        return 0;
    }

    /**
     * From the last signed checkpoint on (every checkpoint's signature and link checked, then the entries
     * after the heads it saw), or with {@code --full} every entry. Progress goes to the error stream, at
     * most once a second and when done, so that the result on standard output stays as it was.
     */
    private int verifyAudit(boolean full) {
        AuditVerifier.Extent extent = full ? AuditVerifier.Extent.FULL : AuditVerifier.Extent.FROM_CHECKPOINT;
        long started = System.nanoTime();
        ChainVerification result = auditVerifier.verify(extent, new AuditVerifier.Progress() {
            private long expected;
            private long lastTold = started;

            @Override
            public void expecting(long entries) {
                expected = entries;
            }

            @Override
            public void checked(long entries) {
                long now = System.nanoTime();
                if (now - lastTold >= 1_000_000_000L) {
                    lastTold = now;
                    System.err.println("verify-audit: " + entries + " of about " + expected + " entries checked");
                }
            }
        });
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        System.err.println(String.format(java.util.Locale.ROOT, "verify-audit: %d entries checked in %.1f s (%.0f entries/s)",
                result.entriesChecked(), seconds, result.entriesChecked() / seconds));
        for (String restore : result.restores()) {
            System.out.println("  RESTORED: " + restore);
        }
        String how = result.full() ? (full ? "every entry read" : "every entry read (no signed checkpoint to start from)")
                : "from signed checkpoint " + result.fromCheckpoint() + " on (the entries it vouches for not read "
                        + "again; --full reads every entry)";
        if (result.intact()) {
            System.out.println(intact(result, how));
            return 0;
        }
        System.out.println("Audit log BROKEN: " + result.findings().size() + " finding(s) in "
                + result.entriesChecked() + " entries; " + how + ".");
        for (ChainVerification.Finding finding : result.findings()) {
            System.out.println("  BROKEN" + (finding.seq() == null ? "" : " at entry " + finding.seq()) + " ("
                    + finding.chain() + "): " + finding.kind() + ": " + finding.text());
        }
        return 1;
    }

    /**
     * The entries of an earlier, unkeyed chain are counted apart: no audit key vouches for them, only their
     * SHA-256 links and the keyed seal after them.
     */
    static String intact(ChainVerification result, String how) {
        long keyed = result.entriesChecked() - result.earlierChainEntries();
        return "Audit log intact: " + keyed + " entries verified with the audit key"
                + (result.earlierChainEntries() == 0 ? ""
                        : " and " + result.earlierChainEntries() + " of the earlier unkeyed chain by their SHA-256 links"
                                + " and the seal that ends them")
                + ", every checkpoint checked; " + how + ".";
    }

    private int rotateKeys() {
        KeyRotation.Result result;
        try {
            result = keyRotation.rotateMasterKey(System.out::println);
        } catch (KeyRotation.Busy busy) {
            System.out.println("Another node is rotating the master key right now; nothing was done. Try again later.");
            return 1;
        }
        System.out.println("Master key rotated (new version " + result.primaryVersion() + "): re-wrapped "
                + result.clientKeys() + " client keys and " + result.systemKeys() + " system keys.");
        if (!result.destroyedVersions().isEmpty()) {
            System.out.println("Destroyed master key versions past the erasure horizon: "
                    + String.join(", ", result.destroyedVersions()) + ".");
        }
        System.out.println("Older versions stay in the key file until the erasure horizon has passed, so backups "
                + "of their time stay readable. Back up the master key file and its .versions.json now.");
        return 0;
    }
}
