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

    /** Who acted: a person's stored name as it is, a part of Exitwork (e.g. "share link") in words. */
    String actor(AuditEntry entry, Locale language);
}
