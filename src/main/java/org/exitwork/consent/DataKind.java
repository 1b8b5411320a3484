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
    CASE_CONFERENCE,
    /**
     * Not a kind of data but a purpose (R11): the tandem may ask the partner for a service for the
     * client, sending the kinds of data the same consent names. Never part of a share.
     */
    SERVICE_REQUEST;

    /**
     * The way out a consent naming this kind opens: a case conference for {@link #CASE_CONFERENCE}, a
     * service request for {@link #SERVICE_REQUEST}, else a share.
     */
    public OutboundPolicy.Channel channel() {
        return switch (this) {
            case CASE_CONFERENCE -> OutboundPolicy.Channel.CASE_CONFERENCE;
            case SERVICE_REQUEST -> OutboundPolicy.Channel.SERVICE_REQUEST;
            default -> OutboundPolicy.Channel.SHARE;
        };
    }

    /** Whether this is a kind of data (which a share or a request carries), not a purpose. */
    public boolean isData() {
        return this != CASE_CONFERENCE && this != SERVICE_REQUEST;
    }

    /** The kinds a share or a service request can carry: all but the purposes. */
    public static List<DataKind> shareable() {
        return Arrays.stream(values()).filter(DataKind::isData).toList();
    }
}
