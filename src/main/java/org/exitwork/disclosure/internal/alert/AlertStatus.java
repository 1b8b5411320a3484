package org.exitwork.disclosure.internal.alert;

/** Where an alert stands: nothing goes out before approval, unless it cannot wait (then review afterwards). */
public enum AlertStatus {
    AWAITING_APPROVAL, SENT, REJECTED, SENT_AWAITING_REVIEW, REVIEWED;

    boolean wentOut() {
        return this == SENT || this == SENT_AWAITING_REVIEW || this == REVIEWED;
    }
}
