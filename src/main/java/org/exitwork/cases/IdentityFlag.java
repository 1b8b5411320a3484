package org.exitwork.cases;

/**
 * Something in a text that may identify a person (R16: a vignette for peers identifies nobody): what
 * kind of thing it is and the words exactly as the author wrote them, so the author finds and rewrites
 * them. Found by {@link IdentityMentions#flags}.
 */
public record IdentityFlag(Kind kind, String found) {

    /** What was found; each has its text {@code identity.flag.<NAME>}. */
    public enum Kind {
        /** The client's name or a part of it. */
        NAME,
        /** One of the client's aliases or a part of it. */
        ALIAS,
        /** The client's date of birth, in any usual way of writing it. */
        DATE_OF_BIRTH,
        /** A place or contact detail from the client's identity vault. */
        CONTACT,
        /** The name of a person in the client's family or context, or a part of it. */
        CONTEXT_PERSON,
        /** The name of an institution the client stayed in, or a part of it. */
        INSTITUTION,
        /** A telephone number. */
        TELEPHONE,
        /** An e-mail address. */
        EMAIL,
        /** A postal address: a street with a house number, or a postcode with a town. */
        POSTAL_ADDRESS,
        /** A full date (day, month and year), which may be a date of birth. */
        DATE,
        /** A bank account number (IBAN). */
        IBAN,
        /** The case's pseudonym: it links a text back to the case. */
        PSEUDONYM
    }
}
