package org.exitwork.disclosure.internal.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A danger alert as pages, the print-out and the client's report show it: opened, with names. */
public record Alert(UUID id, UUID clientId, String pseudonym, UUID partnerId, String partnerName, String contactName,
        String contactPhone, String contactEmail, DangerKind kind, String danger, String atRisk, String howSoon,
        List<IdentityField> fields, String content, boolean cannotWait, AlertStatus status, UUID raisedById,
        String raisedBy, Instant raisedAt, UUID decidedById, String decidedBy, Instant decidedAt, String decisionNote,
        Instant sentAt, boolean mailed, Boolean clientTold, LocalDate clientToldOn, String toldRecordedBy,
        boolean mailServer, ReviewOutcome reviewOutcome, boolean raisedAfterBreakingGlass, Instant reviewDueAt,
        boolean reviewOverdue) {

    /** How an alert that went out reached the contact, or why it did not: then someone must telephone. */
    public enum Delivery {
        MAILED, NO_MAIL_SERVER, NO_ADDRESS, MAIL_FAILED
    }

    public boolean wentOut() {
        return status.wentOut();
    }

    /** The message key of the status as people read it: an alert that went out but was not mailed says so. */
    public String statusKey() {
        return "dangeralerts.status." + status + (wentOut() && !mailed ? ".unmailed" : "");
    }

    /** For an alert that went out: whether the e-mail reached the mail server, and if not, why not. */
    public Delivery delivery() {
        if (mailed) {
            return Delivery.MAILED;
        }
        if (contactEmail == null || contactEmail.isBlank()) {
            return Delivery.NO_ADDRESS;
        }
        return mailServer ? Delivery.MAIL_FAILED : Delivery.NO_MAIL_SERVER;
    }

    /** Waiting for a second staff member: to approve it, or to review it after it went out at once. */
    boolean waiting() {
        return status == AlertStatus.AWAITING_APPROVAL || status == AlertStatus.SENT_AWAITING_REVIEW;
    }
}
