package org.exitwork.commands.internal;

import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.cases.Erasure;
import org.exitwork.commands.Command;
import org.exitwork.commands.CommandRunner;
import org.exitwork.keys.KeyRotation;
import org.springframework.stereotype.Service;

@Service
class Commands implements CommandRunner {

    private final AuditVerifier auditVerifier;
    private final KeyRotation keyRotation;
    private final DemoData demoData;
    private final Erasure erasure;

    Commands(AuditVerifier auditVerifier, KeyRotation keyRotation, DemoData demoData, Erasure erasure) {
        this.erasure = erasure;
        this.auditVerifier = auditVerifier;
        this.keyRotation = keyRotation;
        this.demoData = demoData;
    }

    @Override
    public int run(Command command, String[] args) {
        return switch (command) {
            case VERIFY_AUDIT -> verifyAudit();
            case DEMO_DATA -> demoData.fill(System.out);
            case ROTATE_KEYS -> rotateKeys();
            case ERASE_EXPIRED -> {
                for (org.exitwork.cases.Erasure.Erased erased : erasure.eraseEverythingExpired()) {
                    System.out.println("Erased " + erased.count() + " " + erased.what()
                            + " whose retention period had passed.");
                }
                yield 0;
            }
        };
    }

    private int verifyAudit() {
        ChainVerification result = auditVerifier.verify();
        if (result.intact()) {
            System.out.println("Audit chain intact: " + result.entriesChecked() + " entries verified.");
            return 0;
        }
        System.out.println("Audit chain BROKEN at entry " + result.firstBadSeq().orElseThrow() + ": " + result.problem());
        return 1;
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
