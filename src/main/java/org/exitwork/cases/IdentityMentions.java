package org.exitwork.cases;

import java.util.UUID;

/**
 * Whether a text names the client (R9, R10: what is written for partners uses the pseudonym).
 * Compares with the identity vault: the full name, each alias and each of their parts of four letters
 * or more, ignoring case, accents and invisible characters; the date of birth; phone numbers and
 * e-mail addresses of the contact details. No access check and no audit entry; the caller has checked
 * that the tandem asks. Nothing of the identity leaves here, only yes or no.
 */
public interface IdentityMentions {

    /** True when {@code text} contains the client's name, an alias, their date of birth or their contact details. */
    boolean mentioned(UUID clientId, String text);
}
