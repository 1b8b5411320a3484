package org.exitwork.cases.internal.identity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.IdentityFlag;
import org.exitwork.cases.IdentityFlag.Kind;

/**
 * Finds what may identify someone in a text written for peers, with the words as written (R16). The
 * names are compared the way {@link IdentityMatcher} compares them (case, accents, invisible characters
 * and look-alike letters folded; a name whole or any part of four letters or more); the patterns need no
 * vault: telephone numbers, e-mail and postal addresses, full dates, IBANs. Pure: no Spring, no I/O.
 */
final class IdentityFlags {

    /** The names and places known about a client, as the vault and the context hold them. */
    record Known(String pseudonym, ClientIdentity identity, List<String> contextPersons, List<String> institutions) {
    }

    private static final int SHORTEST_PART = 4;
    /** A run of letters, digits, marks and invisible characters: a word as written. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}\\p{M}\\p{Cf}]+");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** A telephone number as people write it: starting with +, 0 or a bracket, seven digits or more. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\d])(?:\\+|00|0|\\(0?)\\d[\\d \\-/().]{4,}\\d(?![\\p{L}\\d])");
    private static final Pattern IBAN = Pattern.compile("(?<![\\p{L}\\d])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![\\p{L}\\d])");
    private static final String MONTHS = "jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|ärz|aerz)|apr(?:il)?|ma[iy]"
            + "|jun[ei]?|jul[iy]?|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?";
    private static final Pattern DATE = Pattern.compile("(?iu)(?<![\\d.])(?:"
            + "\\d{1,2}\\s*[./-]\\s*\\d{1,2}\\s*[./-]\\s*(?:\\d{4}|\\d{2})"
            + "|\\d{4}-\\d{1,2}-\\d{1,2}"
            + "|\\d{1,2}\\.?\\s+(?:" + MONTHS + ")\\.?\\s+\\d{4}"
            + "|(?:" + MONTHS + ")\\.?\\s+\\d{1,2},?\\s+\\d{4}"
            + ")(?![\\d])");
    private static final String STREETS = "stra(?:ss|ß)e|str\\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|steig|pfad";
    private static final Pattern ADDRESS = Pattern.compile("(?u)(?:"
            + "[\\p{L}-]*(?i:" + STREETS + ")\\s*\\d{1,4}\\s?[a-zA-Z]?(?![\\p{L}\\d])"
            + "|(?<![\\p{L}\\d])\\p{Lu}[\\p{L}-]+\\s+(?i:" + STREETS + ")\\s*\\d{1,4}\\s?[a-zA-Z]?(?![\\p{L}\\d])"
            + "|(?<![\\p{L}\\d])\\d{1,4}[a-zA-Z]?\\s+\\p{Lu}[\\p{L}-]*\\s+(?i:street|st\\.|road|rd\\.|avenue|ave\\.|lane|drive|close|way|square)(?![\\p{L}])"
            + "|(?<![\\p{L}\\d])\\d{5}\\s+\\p{Lu}\\p{Ll}[\\p{L}-]+"
            + ")");
    private static final List<DateTimeFormatter> BIRTH_DATES = List.of("yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy",
            "dd.MM.yy", "dd/MM/yyyy", "d/M/yyyy", "MM/dd/yyyy", "dd-MM-yyyy").stream()
            .map(DateTimeFormatter::ofPattern).toList();

    private record Hit(Kind kind, int start, int end) {
    }

    /** One word of the text, folded, with where it was written. */
    private record Word(String plain, int start, int end) {
    }

    private IdentityFlags() {
    }

    static List<IdentityFlag> find(Known known, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<Word> words = words(text);
        List<Hit> hits = new ArrayList<>();
        ClientIdentity identity = known.identity();
        if (identity != null) {
            names(words, Kind.NAME, identity.fullName() == null ? List.of() : List.of(identity.fullName()), hits);
            names(words, Kind.ALIAS, identity.aliases() == null ? List.of()
                    : Arrays.asList(identity.aliases().split("[,;\\n]")), hits);
            birthDate(identity.dateOfBirth(), text, hits);
            contact(identity.contact(), text, words, hits);
        }
        names(words, Kind.CONTEXT_PERSON, known.contextPersons(), hits);
        if (known.pseudonym() != null) {
            occurrences(words, plainWords(known.pseudonym()), Kind.PSEUDONYM, hits);
            for (String part : folded(known.pseudonym()).split(" ")) {
                if (part.length() >= SHORTEST_PART) {
                    occurrences(words, plainWords(part), Kind.PSEUDONYM, hits);
                }
            }
        }
        names(words, Kind.INSTITUTION, known.institutions(), hits);
        patterns(text, hits);
        return flags(text, hits);
    }

    private static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String plain = IdentityMatcher.plain(token.group());
            for (String part : plain.split(" ")) {
                if (!part.isEmpty()) {
                    words.add(new Word(part, token.start(), token.end()));
                }
            }
        }
        return words;
    }

    /** Each name whole, and each of its parts of four letters or more, wherever the text has it. */
    private static void names(List<Word> words, Kind kind, List<String> names, List<Hit> hits) {
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            List<String> whole = plainWords(name);
            if (String.join(" ", whole).length() >= 2) {
                occurrences(words, whole, kind, hits);
            }
            for (String part : IdentityMatcher.plain(name).isEmpty() ? new String[0] : folded(name).split(" ")) {
                if (part.length() >= SHORTEST_PART) {
                    occurrences(words, plainWords(part), kind, hits);
                }
            }
        }
    }

    private static List<String> plainWords(String s) {
        String plain = IdentityMatcher.plain(s);
        return plain.isEmpty() ? List.of() : Arrays.asList(plain.split(" "));
    }

    private static String folded(String s) {
        return org.exitwork.platform.TextFolding.fold(s).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static void occurrences(List<Word> words, List<String> sought, Kind kind, List<Hit> hits) {
        if (sought.isEmpty()) {
            return;
        }
        for (int i = 0; i + sought.size() <= words.size(); i++) {
            boolean match = true;
            for (int j = 0; j < sought.size() && match; j++) {
                match = words.get(i + j).plain().equals(sought.get(j));
            }
            if (match) {
                hits.add(new Hit(kind, words.get(i).start(), words.get(i + sought.size() - 1).end()));
            }
        }
    }

    private static void birthDate(LocalDate born, String text, List<Hit> hits) {
        if (born == null) {
            return;
        }
        for (DateTimeFormatter format : BIRTH_DATES) {
            Matcher m = Pattern.compile("(?<![\\d.])" + Pattern.quote(born.format(format)) + "(?![\\d])").matcher(text);
            while (m.find()) {
                hits.add(new Hit(Kind.DATE_OF_BIRTH, m.start(), m.end()));
            }
        }
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            if (born.equals(DateOfText.parse(m.group()))) {
                hits.add(new Hit(Kind.DATE_OF_BIRTH, m.start(), m.end()));
            }
        }
    }

    /** The vault's contact details: its e-mail addresses, its numbers by their last seven digits, its words. */
    private static void contact(String contact, String text, List<Word> words, List<Hit> hits) {
        if (contact == null || contact.isBlank()) {
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher email = EMAIL.matcher(contact.toLowerCase(Locale.ROOT));
        String rest = contact;
        while (email.find()) {
            int at = lower.indexOf(email.group());
            while (at >= 0) {
                hits.add(new Hit(Kind.CONTACT, at, at + email.group().length()));
                at = lower.indexOf(email.group(), at + 1);
            }
            rest = rest.replace(email.group(), " ");
        }
        Matcher phone = Pattern.compile("\\+?\\d[\\d\\s\\-/().]{4,}\\d").matcher(contact);
        while (phone.find()) {
            String digits = phone.group().replaceAll("\\D", "");
            String tail = digits.length() > 7 ? digits.substring(digits.length() - 7) : digits;
            Matcher inText = Pattern.compile("\\+?\\d[\\d\\s\\-/().]{4,}\\d").matcher(text);
            while (inText.find()) {
                if (tail.length() >= 6 && inText.group().replaceAll("\\D", "").endsWith(tail)) {
                    hits.add(new Hit(Kind.CONTACT, inText.start(), inText.end()));
                }
            }
            rest = rest.replace(phone.group(), " ");
        }
        // A place in the contact details (a street, a town): each word of four letters or more.
        for (String part : folded(rest).split(" ")) {
            if (part.length() >= SHORTEST_PART && !part.chars().allMatch(Character::isDigit)) {
                occurrences(words, plainWords(part), Kind.CONTACT, hits);
            }
        }
    }

    private static void patterns(String text, List<Hit> hits) {
        find(EMAIL, Kind.EMAIL, text, hits);
        find(IBAN, Kind.IBAN, text, hits);
        find(DATE, Kind.DATE, text, hits);
        find(ADDRESS, Kind.POSTAL_ADDRESS, text, hits);
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            if (phone.group().replaceAll("\\D", "").length() >= 7) {
                hits.add(new Hit(Kind.TELEPHONE, phone.start(), phone.end()));
            }
        }
    }

    private static void find(Pattern pattern, Kind kind, String text, List<Hit> hits) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            hits.add(new Hit(kind, m.start(), m.end()));
        }
    }

    /**
     * In the order written; a hit inside a wider one is left out (the wider names it), and a hit found
     * twice as the same kind with the same words is named once. The vault's kinds come first where two
     * kinds cover the same words (a name before a date, the date of birth before a date).
     */
    private static List<IdentityFlag> flags(String text, List<Hit> hits) {
        List<Hit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingInt(Hit::start).thenComparing(h -> -h.end())
                .thenComparing(h -> h.kind().ordinal()));
        List<Hit> kept = new ArrayList<>();
        for (Hit hit : sorted) {
            boolean inside = kept.stream().anyMatch(k -> k.start() <= hit.start() && hit.end() <= k.end()
                    && (k.end() - k.start() > hit.end() - hit.start() || k.kind().ordinal() <= hit.kind().ordinal()));
            if (!inside) {
                kept.add(hit);
            }
        }
        Set<IdentityFlag> flags = new LinkedHashSet<>();
        for (Hit hit : kept) {
            flags.add(new IdentityFlag(hit.kind(), text.substring(hit.start(), hit.end()).strip()));
        }
        return List.copyOf(flags);
    }

    /** A written full date read back, to compare with the date of birth; null when it is none. */
    static final class DateOfText {

        private DateOfText() {
        }

        static LocalDate parse(String written) {
            String s = written.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
            try {
                Matcher iso = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})").matcher(s);
                if (iso.matches()) {
                    return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                            Integer.parseInt(iso.group(3)));
                }
                Matcher named = Pattern.compile("(\\d{1,2})\\.? ([\\p{L}]+)\\.? (\\d{4})").matcher(s);
                if (named.matches()) {
                    return LocalDate.of(Integer.parseInt(named.group(3)), month(named.group(2)),
                            Integer.parseInt(named.group(1)));
                }
                named = Pattern.compile("([\\p{L}]+)\\.? (\\d{1,2}),? (\\d{4})").matcher(s);
                if (named.matches()) {
                    return LocalDate.of(Integer.parseInt(named.group(3)), month(named.group(1)),
                            Integer.parseInt(named.group(2)));
                }
            } catch (RuntimeException notADate) {
                return null;
            }
            return null;
        }

        private static int month(String name) {
            String[] starts = { "jan", "feb", "m", "apr", "ma", "jun", "jul", "aug", "sep", "o", "nov", "de" };
            String n = name.replace("ä", "a");
            if (n.startsWith("mar") || n.startsWith("maerz") || n.startsWith("marz")) {
                return 3;
            }
            if (n.startsWith("mai") || n.startsWith("may")) {
                return 5;
            }
            for (int i = 0; i < starts.length; i++) {
                if (i != 2 && i != 4 && n.startsWith(starts[i])) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException(name);
        }
    }
}
