package org.exitwork.consent;

import java.util.Arrays;
import java.util.List;

import org.exitwork.network.OutboundPolicy;

/**
 * The kinds of data a client may consent to share with a partner (R9). A share may contain only
 * kinds that a valid consent names; anything not listed here is never shared.
 */
public enum DataKind {
    CONTACT_DETAILS, CURRENT_NEEDS, WORK_AGREEMENT_GOALS, PROGRESS, ATTENDANCE, HOUSING, EDUCATION_AND_WORK,
    FAMILY_SITUATION,
    /**
     * Not a kind of data but a purpose (R10): the partner may take part in case conferences about the
     * client and receive their minutes. Never part of a share.
     */
    CASE_CONFERENCE;

    /** The way out a consent naming this kind opens: a case conference for {@link #CASE_CONFERENCE}, else a share. */
    public OutboundPolicy.Channel channel() {
        return this == CASE_CONFERENCE ? OutboundPolicy.Channel.CASE_CONFERENCE
                : OutboundPolicy.Channel.SHARE;
    }

    /** The kinds a share can carry: all but {@link #CASE_CONFERENCE}. */
    public static List<DataKind> shareable() {
        return Arrays.stream(values()).filter(k -> k != CASE_CONFERENCE).toList();
    }
}
