package org.exitwork.cases.internal.handover;

/** The audit actions of a case changing hands; details carry the staff id and the reason's code only. */
public final class HandoverActions {
    public static final String TANDEM_MEMBER_JOINED = "TANDEM_MEMBER_JOINED";
    public static final String TANDEM_MEMBER_LEFT = "TANDEM_MEMBER_LEFT";
    public static final String TANDEM_READ = "TANDEM_READ";

    private HandoverActions() {
    }
}
