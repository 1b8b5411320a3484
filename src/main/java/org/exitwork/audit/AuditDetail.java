package org.exitwork.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An audit entry's detail in a language-neutral form: a code and its arguments, stored as
 * {@code @code|arg|arg}. The chain is hash-protected, so what is stored stays as it is; the words
 * come only when the entry is shown, from the message {@code audit.detail.<code>} in the reader's
 * language ({@link AuditWording}). Arguments are short non-confidential facts (numbers, dates,
 * enum names), never case content.
 */
public record AuditDetail(String code, List<String> arguments) {

    static final String MARK = "@";
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    public AuditDetail {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("an audit detail code is lower case words joined by . or -: " + code);
        }
        arguments = List.copyOf(arguments);
    }

    /** The stored form of a detail, for {@link AuditEvent#detail()}. */
    public static String of(String code, Object... arguments) {
        List<String> args = new ArrayList<>();
        Arrays.stream(arguments).map(a -> String.valueOf(a).replace('|', '/')).forEach(args::add);
        return new AuditDetail(code, args).stored();
    }

    public String stored() {
        return arguments.isEmpty() ? MARK + code : MARK + code + "|" + String.join("|", arguments);
    }

    /** The code and arguments of a stored detail, if it was stored in this form (entries written before were not). */
    public static Optional<AuditDetail> parse(String stored) {
        if (stored == null || !stored.startsWith(MARK)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(MARK.length()).split("\\|", -1);
        if (!CODE.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new AuditDetail(parts[0], List.of(parts).subList(1, parts.length)));
    }
}
