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
                System.out.println("Erased " + erasure.eraseExpired() + " clients whose retention period had passed.");
                yield 0;
            }
        };
    }

    private int verifyAudit() {
        ChainVerification result = auditVerifier.verify();
        if (result.intact()) {
            System.out.println("Audit log intact: " + result.entriesChecked()
                    + " entries verified with the audit key, every checkpoint checked.");
            return 0;
        }
        System.out.println("Audit log BROKEN: " + result.findings().size() + " finding(s) in "
                + result.entriesChecked() + " entries.");
        for (ChainVerification.Finding finding : result.findings()) {
            System.out.println("  BROKEN" + (finding.seq() == null ? "" : " at entry " + finding.seq()) + " ("
                    + finding.chain() + "): " + finding.kind() + ": " + finding.text());
        }
        return 1;
    }

    private int rotateKeys() {
        KeyRotation.Result result = keyRotation.rotateMasterKey();
        System.out.println("Master key rotated (new key id " + result.newMasterKeyId() + "): re-wrapped "
                + result.clientKeys() + " client keys and " + result.systemKeys() + " system keys.");
        System.out.println("Back up the new master key file now; the old one no longer opens anything.");
        return 0;
    }
}
