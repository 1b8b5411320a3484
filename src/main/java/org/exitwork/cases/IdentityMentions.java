package org.exitwork.cases;

import java.util.UUID;

/**
 * Whether a text names the client (R10: minutes use pseudonyms). Compares with the identity vault:
 * the full name and each alias, ignoring case and accents. No access check and no audit entry; the
 * caller has checked that the tandem asks. Nothing of the identity leaves here, only yes or no.
 */
public interface IdentityMentions {

    /** True when {@code text} contains the client's full name or one of their aliases. */
    boolean mentioned(UUID clientId, String text);
}
