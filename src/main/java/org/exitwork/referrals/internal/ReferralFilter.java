package org.exitwork.referrals.internal;

import java.util.UUID;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the managers' referral inbox is narrowed to, as the filter form and the page links carry it: one
 * partner of the registry, or any ({@code null}); and where the page starts ({@code after} one referral)
 * or ends ({@code before} one).
 */
public record ReferralFilter(UUID partner, UUID after, UUID before) {

    public static ReferralFilter none() {
        return new ReferralFilter(null, null, null);
    }

    /** The address of the page beside this one, naming the partner when one is chosen. */
    public String pageLink(String side, UUID cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/referrals");
        if (partner != null) {
            link.queryParam("partner", partner);
        }
        return link.queryParam("after".equals(side) ? "after" : "before", cursor).build().toUriString();
    }

    public boolean narrowed() {
        return partner != null;
    }
}
