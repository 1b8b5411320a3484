package org.exitwork.network.internal;

import java.util.UUID;

import org.exitwork.network.PartnerKind;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the partner registry's list is narrowed to: one group of kinds, or all ({@code null}); and where
 * the page starts ({@code after} one partner) or ends ({@code before} one).
 */
record PartnerFilter(PartnerKind.Group group, UUID after, UUID before) {

    /** The address of the page beside this one, naming the group when one is chosen. */
    public String pageLink(String side, UUID cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/network/partners");
        if (group != null) {
            link.queryParam("group", group);
        }
        return link.queryParam("after".equals(side) ? "after" : "before", cursor).build().toUriString();
    }
}
