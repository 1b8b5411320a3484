package org.exitwork.audit.internal.keys;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.KeyRotation;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Master-key rotations and destroyed versions in the audit log: installation-wide (no organisation),
 * only version ids and counts. Listening here keeps the keys module free of any dependency.
 */
@Component
public class KeyRotationAudit {

    static final String ACTOR = "key rotation";
    static final String ROTATED = "MASTER_KEY_ROTATED";
    static final String DESTROYED = "MASTER_KEY_DESTROYED";

    private final AuditLog audit;

    KeyRotationAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void rotated(KeyRotation.Rotated event) {
        audit.record(new AuditEvent(null, null, ACTOR, ROTATED, version(event.primaryVersion()), AuditDetail.of(event.newVersion() ? "key.rotated-new-primary" : "key.rotated-finished",
                event.clientKeys(), event.systemKeys())));
    }

    /** The subject: a master-key version is no person or client, so it is a code read in the reader's language. */
    public static String version(Object version) {
        return AuditDetail.of("key.version", version);
    }

    @EventListener
    void destroyed(KeyRotation.VersionDestroyed event) {
        audit.record(new AuditEvent(null, null, ACTOR, DESTROYED, version(event.version()), AuditDetail.of("key.destroyed", event.created(), event.retired())));
    }
}
