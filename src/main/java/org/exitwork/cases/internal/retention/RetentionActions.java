package org.exitwork.cases.internal.retention;

/** The audit actions of retention and erasure. */
final class RetentionActions {
    /** The only trace an erased client leaves: that an erasure happened, under the pseudonym. */
    static final String CLIENT_ERASED = "CLIENT_ERASED";
    static final String RETENTION_CHANGED = "RETENTION_CHANGED";

    private RetentionActions() {
    }
}
