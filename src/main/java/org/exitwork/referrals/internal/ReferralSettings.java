package org.exitwork.referrals.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of referrals in ({@code exitwork.referrals.*}). Only numbers, nothing about a person,
 * so the request path may read it too.
 *
 * @param unassignedRetentionDays a referral nobody took up is erased after this many days (R20)
 * @param stuckDays an inbox entry that could not be read or matched for this many days is discarded
 * @param ratePerMinute calls per partner credential and clock minute before the API answers 429
 * @param failedCallsPerAddress calls answered 401 (unsigned, forged, stale, replayed) per client address
 *        and minute, counted in each node's memory, before every call from that address answers 429 for
 *        a while; such calls cost no database work
 */
@ConfigurationProperties("exitwork.referrals")
public record ReferralSettings(@DefaultValue("90") int unassignedRetentionDays, @DefaultValue("7") int stuckDays,
        @DefaultValue("30") int ratePerMinute, @DefaultValue("30") int failedCallsPerAddress) {
}
