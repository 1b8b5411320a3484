package org.exitwork.referrals.internal;

/** Information a partner adds about a person it referred earlier, by its own reference (R7). */
public record InboundInformation(String partnerReference, String information) {
}
