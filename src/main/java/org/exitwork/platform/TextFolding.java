package org.exitwork.platform;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.ibm.icu.text.Transliterator;

/**
 * The one way texts are folded before they are compared (note search, "does this text name the
 * client"): Unicode's own rules through ICU instead of a letter table of our own. Compatibility
 * forms are decomposed (ligatures, full-width letters), accents and other marks and invisible
 * format characters (soft hyphen, zero-width space) removed, Latin letters spelled in ASCII
 * ({@code ß} → {@code ss}, {@code ı} → {@code i}, {@code ł} → {@code l}, {@code æ} → {@code ae}),
 * and everything lower-cased.
 *
 * <p>Letters are not spelled as a language would ({@code ü} is {@code u}, not {@code ue}), and other
 * scripts keep their letters ({@code Иван} stays {@code иван}): transliterating them would widen
 * what a search finds, and it would undo the look-alike check of the identity matcher, which maps
 * a Cyrillic {@code р} to the Latin {@code p} it imitates, where transliteration makes it an
 * {@code r}.
 */
public final class TextFolding {

    // Stateless: ICU transliterators may be shared between threads without synchronising.
    private static final Transliterator FOLD = Transliterator.getInstance("NFKD; [[:M:][:Cf:]] Remove; Latin-ASCII; Lower");
    private static final int REMEMBERED = 20_000;
    private static final ConcurrentMap<Integer, String> FOLDED_CHARACTERS = new ConcurrentHashMap<>();

    private TextFolding() {
    }

    /** The text folded for comparison. */
    public static String fold(String text) {
        return FOLD.transliterate(text);
    }

    /**
     * One character folded, to none, one or several. Folding a text one character at a time (as
     * search does, to know where each folded letter came from) is meant to agree with folding it
     * whole. Remembered per character, so that folding every note of a caseload stays cheap; at most
     * {@value #REMEMBERED} characters are remembered, so a text of many rare characters cannot make
     * the memory grow without end (the rest are folded each time).
     */
    public static String fold(int codePoint) {
        if (codePoint < 128) {
            return String.valueOf((char) Character.toLowerCase(codePoint));
        }
        String known = FOLDED_CHARACTERS.get(codePoint);
        if (known != null) {
            return known;
        }
        String folded = fold(Character.toString(codePoint));
        if (FOLDED_CHARACTERS.size() < REMEMBERED) {
            FOLDED_CHARACTERS.putIfAbsent(codePoint, folded);
        }
        return folded;
    }
}
