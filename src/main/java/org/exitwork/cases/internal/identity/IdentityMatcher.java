package org.exitwork.cases.internal.identity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.SpoofChecker;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.platform.TextFolding;

/**
 * Whether a text names a client: their full name or an alias, any single part of them four letters
 * or longer, their date of birth in the usual ways of writing it, or a phone number or e-mail
 * address from their contact details. Case, accents, letters such as ł, ø or ı, invisible
 * characters and ligatures are folded away first, so that "YILMAZ" or "Yıl\u00admaz" do not slip
 * through. It errs on the side of refusing: a word that happens to be a part of the name is
 * refused too, and the practitioner writes the pseudonym instead.
 */
final class IdentityMatcher {

    private static final int SHORTEST_PART = 4;
    private static final SpoofChecker SKELETON = new SpoofChecker.Builder().build();
    private static final List<DateTimeFormatter> DATES = List.of("yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy",
            "dd/MM/yyyy", "d/M/yyyy", "MM/dd/yyyy", "dd-MM-yyyy").stream().map(DateTimeFormatter::ofPattern).toList();
    /** A number as people write phone numbers; not a run of digits inside a word or a longer number. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\d])\\+?\\d[\\d\\s\\-/().]{4,}\\d(?![\\p{L}\\d])");
    private static final Pattern EMAIL = Pattern.compile("[^\\s,;<>]+@[^\\s,;<>]+");

    private IdentityMatcher() {
    }

    static boolean names(ClientIdentity identity, String text) {
        if (text == null || text.isBlank() || identity == null) {
            return false;
        }
        String words = " " + plain(text) + " ";
        List<String> names = new ArrayList<>();
        if (identity.fullName() != null) {
            names.add(identity.fullName());
        }
        if (identity.aliases() != null) {
            names.addAll(Arrays.asList(identity.aliases().split("[,;\\n]")));
        }
        for (String name : names) {
            String whole = plain(name);
            if (whole.length() >= 2 && words.contains(" " + whole + " ")) {
                return true;
            }
            // The length counts the letters as written: the skeleton spells "m" as "rn".
            for (String part : folded(name).split(" ")) {
                if (part.length() >= SHORTEST_PART && words.contains(" " + plain(part) + " ")) {
                    return true;
                }
            }
        }
        return mentionsDate(identity.dateOfBirth(), text) || mentionsContact(identity.contact(), text);
    }

    /**
     * Case, accents, invisible characters, ligatures and special letters folded ({@link TextFolding});
     * look-alike letters of other scripts mapped to their Latin prototype (Unicode's confusable
     * skeleton); everything but letters and digits one space. Both the name and the text go through
     * it, so they meet.
     */
    static String plain(String s) {
        return words(TextFolding.fold(SKELETON.getSkeleton(TextFolding.fold(s))));
    }

    /** {@link #plain} without the skeleton: the letters as a reader sees them. */
    private static String folded(String s) {
        return words(TextFolding.fold(s));
    }

    private static String words(String s) {
        return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static boolean mentionsDate(LocalDate born, String text) {
        if (born == null) {
            return false;
        }
        String spaced = " " + text.replaceAll("\\p{Cf}+", "") + " ";
        return DATES.stream().map(born::format).anyMatch(date -> Pattern
                .compile("(?<![\\d.])" + Pattern.quote(date) + "(?![\\d])").matcher(spaced).find());
    }

    private static boolean mentionsContact(String contact, String text) {
        if (contact == null || contact.isBlank()) {
            return false;
        }
        String lower = text.replaceAll("\\p{Cf}+", "").toLowerCase(Locale.ROOT);
        Matcher email = EMAIL.matcher(contact.toLowerCase(Locale.ROOT));
        while (email.find()) {
            if (lower.contains(email.group())) {
                return true;
            }
        }
        List<String> numbersInText = new ArrayList<>();
        Matcher inText = PHONE.matcher(lower);
        while (inText.find()) {
            numbersInText.add(inText.group().replaceAll("\\D", ""));
        }
        Matcher phone = PHONE.matcher(contact);
        while (phone.find()) {
            String digits = phone.group().replaceAll("\\D", "");
            // The last seven digits: the same number written with +49 or a leading 0 still matches.
            String tail = digits.length() > 7 ? digits.substring(digits.length() - 7) : digits;
            if (tail.length() >= 6 && numbersInText.stream().anyMatch(n -> n.endsWith(tail))) {
                return true;
            }
        }
        return false;
    }
}
