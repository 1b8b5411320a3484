package org.exitwork.audit;

import java.util.List;

/**
 * One page of an organisation's audit log, newest first: the entries of its own keyed chain, then
 * (once those run out) those it kept from the earlier installation-wide chain. The cursor of the
 * next, older page is {@code olderBefore} in the keyed chain or {@code olderLegacyFrom} in the
 * earlier one; both {@code null} on the last page. The earlier chain is numbered across the whole
 * installation, so its cursor is no entry number (that would tell one organisation how much the
 * others did) but how many of the organisation's own earlier entries lie before the page.
 */
public record AuditPage(List<AuditEntry> entries, Long olderBefore, Long olderLegacyFrom) {

    public boolean hasOlder() {
        return olderBefore != null || olderLegacyFrom != null;
    }
}
