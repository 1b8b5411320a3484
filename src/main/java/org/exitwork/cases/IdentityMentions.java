package org.exitwork.cases;

import java.util.List;
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

    /**
     * Everything in {@code text} that may identify the client or someone around them, in the order
     * written: the names, aliases, date of birth, places and contacts of the identity vault, the names of
     * the context persons and institutions, and any telephone number, e-mail or postal address, full date
     * and IBAN. Each flag once per kind and words; empty when nothing was found. The check the shares'
     * {@link #mentioned} makes, extended for texts that leave for peers; it errs on the side of flagging.
     */
    List<IdentityFlag> flags(UUID clientId, String text);
}
