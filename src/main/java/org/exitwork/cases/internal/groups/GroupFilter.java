package org.exitwork.cases.internal.groups;

import java.util.UUID;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the group list is narrowed to, as the filter form and the page links carry it: one setting, only
 * the groups the reader leads; and where the page starts ({@code after} one group) or ends ({@code before}
 * one). {@code null} means "any".
 */
record GroupFilter(GroupSetting setting, Boolean mine, UUID after, UUID before) {

    public boolean mineOnly() {
        return Boolean.TRUE.equals(mine);
    }

    /** The address of the page beside this one, naming only the filters set. */
    public String pageLink(String side, UUID cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/groups");
        if (setting != null) {
            link.queryParam("setting", setting);
        }
        if (mineOnly()) {
            link.queryParam("mine", true);
        }
        return link.queryParam("after".equals(side) ? "after" : "before", cursor).build().toUriString();
    }

    public boolean narrowed() {
        return setting != null || mineOnly();
    }
}
