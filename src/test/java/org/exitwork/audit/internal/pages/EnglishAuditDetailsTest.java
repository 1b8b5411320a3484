package org.exitwork.audit.internal.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No new English text as an audit detail: a detail written in words is read only in English on the
 * data protection officer's page. Details are stored as {@code AuditDetail.of(code, args)} (words
 * from the bundle {@code audit} in the reader's language), or are null or an id. The scan looks at
 * each {@code new AuditEvent(...)}, and at each call naming an audit action ({@code XActions.Y}, the
 * modules' helpers that record one), whose last argument holds a string literal with letters outside
 * an {@code AuditDetail.of(...)}; a literal that is itself a code ({@code signin.wrong-password}) is
 * not words.
 */
class EnglishAuditDetailsTest {

    /**
     * Writers that still store English words, by source file and how many such calls it holds: none
     * since the outbound log stores codes too; kept so that a debt, if ever taken on, is named here. Their English is read back into codes by
     * {@link MessageAuditWording#EARLIER} where the form is known, and shown as stored otherwise.
     * Remove a line when the file is converted; never add one.
     */
    static final Map<String, Integer> STILL_ENGLISH = Map.ofEntries();



    static final String EVENT = "new AuditEvent(";
    static final String CODED = "AuditDetail.of(";
    static final Pattern LETTERS = Pattern.compile("[A-Za-z]");
    static final Pattern ACTION = Pattern.compile("\\b[A-Z][A-Za-z]*Actions\\.[A-Z][A-Z0-9_]*\\b");
    static final Pattern CODE = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)+");
    static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void noWriterStoresEnglishWordsAsADetail() throws IOException {
        Map<String, Integer> found = englishDetails();
        assertThat(found).as("files whose audit details are English words; store AuditDetail.of(code, args) with "
                + "audit.detail.<code> in both audit bundles (and remove a converted file from STILL_ENGLISH)")
                .isEqualTo(new TreeMap<>(STILL_ENGLISH));
    }

    @Test
    void theScanFindsEnglishAndLeavesCodesAlone() {
        assertThat(englishCalls("audit.record(new AuditEvent(o, a, n, ACTION, s, \"kind=\" + kind + \" on=\" + on));"))
                .hasSize(1);
        assertThat(englishCalls("audit.record(new AuditEvent(o, a, n, ACTION, s,\n  \"as tandem\"));")).hasSize(1);
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, s, AuditDetail.of(\"x.y\", f(a, b)))")).isEmpty();
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, s, x == null ? null : \"step=\" + x)")).hasSize(1);
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, s, AuditDetail.of(m ? \"a.b\" : \"a.c\", 1))")).isEmpty();
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, s, x ? AuditDetail.of(\"a.b\") : "
                + "org.exitwork.audit.AuditDetail.of(\"a.c\", f(\"no\")))")).isEmpty();
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, s, null)")).isEmpty();
        assertThat(englishCalls("access.record(who, SessionActions.SESSIONS_READ, ref, list.size() + \" sessions\");"))
                .hasSize(1);
        assertThat(englishCalls("access.record(who, SessionActions.SESSIONS_READ, ref, "
                + "AuditDetail.of(\"sessions.count\", list.size()));")).isEmpty();
        assertThat(englishCalls("failure(account, AccountActions.SIGN_IN_FAILED, \"signin.wrong-password\")")).isEmpty();
        assertThat(englishCalls("if (a.equals(CaseActions.CASE_READ)) { x(\"words\"); }")).isEmpty();
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, s, detail)")).isEmpty();
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, s, \"\" + id)")).isEmpty();
        assertThat(englishCalls("new AuditEvent(o, a, n, ACTION, \"(x, y)\", id.toString())")).isEmpty();
    }

    /**
     * The subject of an entry is a pseudonym or a user name; anything else (a master-key version) is
     * stored as a code, which the audit page reads in the reader's language ({@code audit.subject.<code>}).
     */
    @Test
    void noWriterStoresEnglishWordsAsASubject() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> english = englishSubjects(Files.readString(f));
                if (!english.isEmpty()) {
                    found.put(main.relativize(f).toString().replace('\\', '/'), english);
                }
            }
        }
        assertThat(found).as("subjects in English words; store AuditDetail.of(code, args) with audit.subject.<code>")
                .isEmpty();
        assertThat(englishSubjects("new AuditEvent(null, null, ACTOR, ROTATED, \"master key version \" + v, d)"))
                .hasSize(1);
        assertThat(englishSubjects("new AuditEvent(null, null, ACTOR, ROTATED, AuditDetail.of(\"key.version\", v), d)"))
                .isEmpty();
        assertThat(englishSubjects("new AuditEvent(o, a, n, ACTION, ref.pseudonym(), \"words\")")).isEmpty();
    }

    /** The fifth arguments (the subject) of the {@code new AuditEvent(...)} calls holding a literal with letters. */
    static List<String> englishSubjects(String source) {
        List<String> english = new ArrayList<>();
        for (int at = source.indexOf(EVENT); at >= 0; at = source.indexOf(EVENT, at + 1)) {
            String subject = argument(source, at + EVENT.length(), 4);
            Matcher literal = LITERAL.matcher(withoutCodes(subject));
            while (literal.find()) {
                if (LETTERS.matcher(literal.group(1)).find()) {
                    english.add(subject.replaceAll("\\s+", " "));
                    break;
                }
            }
        }
        return english;
    }

    /** The text of the top-level argument {@code index} (from 0) of a call whose arguments begin at {@code from}. */
    private static String argument(String source, int from, int index) {
        int depth = 0;
        int start = from;
        int n = 0;
        boolean quoted = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if ((c == ')' && depth == 0) || (c == ',' && depth == 0)) {
                if (n == index) {
                    return source.substring(start, i).strip();
                }
                if (c == ')') {
                    return "";
                }
                n++;
                start = i + 1;
            } else if (c == ')') {
                depth--;
            }
        }
        return "";
    }

    static Map<String, Integer> englishDetails() throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                int n = englishCalls(Files.readString(f)).size();
                if (n > 0) {
                    found.put(main.relativize(f).toString().replace('\\', '/'), n);
                }
            }
        }
        return found;
    }

    /**
     * The last arguments of the {@code new AuditEvent(...)} calls in a source that hold a string literal
     * with letters outside an {@code AuditDetail.of(...)} (whose literals are codes).
     */
    static List<String> englishCalls(String source) {
        List<String> english = new ArrayList<>();
        java.util.Set<Integer> calls = new java.util.TreeSet<>();
        for (int at = source.indexOf(EVENT); at >= 0; at = source.indexOf(EVENT, at + 1)) {
            calls.add(at + EVENT.length() - 1);
        }
        Matcher action = ACTION.matcher(source);
        while (action.find()) {
            int open = enclosingCall(source, action.start());
            if (open >= 0) {
                calls.add(open);
            }
        }
        for (int open : calls) {
            String last = lastArgument(source, open + 1);
            Matcher literal = LITERAL.matcher(withoutCodes(last));
            while (literal.find()) {
                if (LETTERS.matcher(literal.group(1)).find() && !CODE.matcher(literal.group(1)).matches()) {
                    english.add(last.replaceAll("\\s+", " "));
                    break;
                }
            }
        }
        return english;
    }

    /** Where the argument list around a position opens, within its statement; -1 when it is in none. */
    private static int enclosingCall(String source, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = source.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ';' || c == '{' || c == '}') {
                return -1;
            }
        }
        return -1;
    }

    /** The text with every {@code AuditDetail.of(...)} call left out. */
    private static String withoutCodes(String text) {
        StringBuilder rest = new StringBuilder();
        int from = 0;
        int at = text.indexOf(CODED);
        while (at >= 0) {
            rest.append(text, from, at);
            int start = at + CODED.length();
            String arguments = argumentsOf(text, start);
            from = start + arguments.length() + 1;
            at = text.indexOf(CODED, from);
        }
        return rest.append(text.substring(Math.min(from, text.length()))).toString();
    }

    private static String argumentsOf(String source, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return source.substring(from, i);
                }
                depth--;
            }
        }
        return source.substring(from);
    }

    /** The text of the last top-level argument of a call whose arguments begin at {@code from}. */
    private static String lastArgument(String source, int from) {
        int depth = 0;
        int start = from;
        boolean quoted = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return source.substring(start, i).strip();
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                start = i + 1;
            }
        }
        return "";
    }
}
