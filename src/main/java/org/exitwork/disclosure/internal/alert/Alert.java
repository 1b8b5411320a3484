package org.exitwork.disclosure.internal.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A danger alert as pages, the print-out and the client's report show it: opened, with names. */
record Alert(UUID id, UUID clientId, String pseudonym, UUID partnerId, String partnerName, String contactName,
        String contactPhone, String contactEmail, DangerKind kind, String danger, String atRisk, String howSoon,
        List<IdentityField> fields, String content, boolean cannotWait, AlertStatus status, UUID raisedById,
        String raisedBy, Instant raisedAt, UUID decidedById, String decidedBy, Instant decidedAt, String decisionNote,
        Instant sentAt, boolean mailed, Boolean clientTold, LocalDate clientToldOn, String toldRecordedBy) {

    public boolean wentOut() {
        return status.wentOut();
    }

    /** Waiting for a second staff member: to approve it, or to review it after it went out at once. */
    boolean waiting() {
        return status == AlertStatus.AWAITING_APPROVAL || status == AlertStatus.SENT_AWAITING_REVIEW;
    }
}
