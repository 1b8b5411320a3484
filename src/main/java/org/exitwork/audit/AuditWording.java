package org.exitwork.audit;

import java.util.Locale;

/**
 * The words for what the audit log stores as codes: actions, details and the names of actors that
 * are not people. Every page or document that shows audit entries asks here, so the same entry reads
 * the same everywhere and in the reader's language.
 */
public interface AuditWording {

    /** The readable label of an action, e.g. "Signed in" for {@code SIGN_IN}; unknown codes are named as such. */
    String action(String action, Locale language);

    /** The detail in words: stored codes ({@link AuditDetail}) and known older English details are translated. */
    String detail(String detail, Locale language);

    /**
     * The detail of an entry in words; a few details of earlier versions mean something only with their
     * action (a bare date: when a training was taken, when a check-up was done).
     */
    String detailOf(AuditEntry entry, Locale language);

    /**
     * Whom or what the entry concerns: a pseudonym or a user name as stored, a subject that is neither (a
     * master-key version) in words; {@code null} when there is none.
     */
    String subject(AuditEntry entry, Locale language);

    /** Who acted: a person's stored name as it is, a part of Exitwork (e.g. "share link") in words. */
    String actor(AuditEntry entry, Locale language);
}
