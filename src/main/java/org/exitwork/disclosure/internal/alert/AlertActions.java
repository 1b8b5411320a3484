package org.exitwork.disclosure.internal.alert;

/** Audit action names of danger-in-default alerts (R8); details carry ids, codes and dates, never content. */
public final class AlertActions {

    static final String DANGER_ALERTS_READ = "DANGER_ALERTS_READ";
    static final String DANGER_ALERT_RAISED = "DANGER_ALERT_RAISED";
    static final String DANGER_ALERT_OPENED = "DANGER_ALERT_OPENED";
    static final String DANGER_ALERT_PRINTED = "DANGER_ALERT_PRINTED";
    static final String DANGER_ALERT_APPROVED = "DANGER_ALERT_APPROVED";
    static final String DANGER_ALERT_REJECTED = "DANGER_ALERT_REJECTED";
    static final String DANGER_ALERT_REVIEWED = "DANGER_ALERT_REVIEWED";
    static final String DANGER_ALERT_SELF_APPROVAL_REFUSED = "DANGER_ALERT_SELF_APPROVAL_REFUSED";
    static final String DANGER_ALERT_ACCESS_REFUSED = "DANGER_ALERT_ACCESS_REFUSED";
    static final String DANGER_ALERT_CLIENT_TOLD = "DANGER_ALERT_CLIENT_TOLD";
    static final String DANGER_ALERT_MAIL_FAILED = "DANGER_ALERT_MAIL_FAILED";
    public static final String DANGER_ALERT_REVIEW_OVERDUE = "DANGER_ALERT_REVIEW_OVERDUE";

    private AlertActions() {
    }
}
