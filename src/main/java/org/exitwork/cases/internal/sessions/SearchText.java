package org.exitwork.cases.internal.sessions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import org.exitwork.platform.TextFolding;

/**
 * Matching decrypted text against a query: case- and accent-insensitive substrings ("Muller"
 * finds "Müller", "strasse" finds "Straße"), every word of the query somewhere in the text, in any
 * order. Snippets are cut from the original text, with the hits marked.
 */
final class SearchText {

    private static final int BEFORE = 60;
    private static final int AFTER = 120;

    /** A piece of a snippet; {@code hit} pieces are shown marked. */
    record Part(String text, boolean hit) {
    }

    private SearchText() {
    }

    /** The query's distinct words, normalised; empty if there are none. */
    static List<String> words(String query) {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        for (String word : query.strip().split("\\s+")) {
            String normal = Folded.of(word).text();
            if (!normal.isEmpty()) {
                words.add(normal);
            }
        }
        return List.copyOf(words);
    }

    /** Whether every word occurs in at least one of the texts. */
    static boolean matches(List<String> words, String... texts) {
        if (words.isEmpty()) {
            return false;
        }
        List<String> folded = Arrays.stream(texts).filter(t -> t != null).map(SearchText::fold).toList();
        for (String word : words) {
            if (folded.stream().noneMatch(t -> t.contains(word))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A short piece of {@code text} around its first hit, every hit in it marked; {@code null} if no
     * word occurs in the text.
     */
    static List<Part> snippet(List<String> words, String text) {
        if (text == null) {
            return null;
        }
        Folded folded = Folded.of(text);
        String f = folded.text();
        boolean[] marked = new boolean[text.length()];
        int first = -1;
        for (String word : words) {
            for (int at = f.indexOf(word); at >= 0; at = f.indexOf(word, at + 1)) {
                int from = folded.start(at);
                int to = folded.end(at + word.length() - 1);
                Arrays.fill(marked, from, to, true);
                if (first < 0 || from < first) {
                    first = from;
                }
            }
        }
        if (first < 0) {
            return null;
        }
        int start = Math.max(0, first - BEFORE);
        int end = Math.min(text.length(), first + AFTER);
        // Whole words at the edges, where there is a space to cut at.
        if (start > 0) {
            int space = text.indexOf(' ', start);
            if (space >= 0 && space < first) {
                start = space + 1;
            }
        }
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            if (space > first) {
                end = space;
            }
        }
        while (end < text.length() && end > start && marked[end - 1] && marked[end]) {
            end++; // never cut a marked word in half
        }
        List<Part> parts = new ArrayList<>();
        if (start > 0) {
            parts.add(new Part("… ", false));
        }
        int i = start;
        while (i < end) {
            int j = i;
            while (j < end && marked[j] == marked[i]) {
                j++;
            }
            parts.add(new Part(text.substring(i, j).replaceAll("\\s+", " "), marked[i]));
            i = j;
        }
        if (end < text.length()) {
            parts.add(new Part(" …", false));
        }
        return parts;
    }

    /**
     * The text folded for matching ({@link TextFolding}, one character at a time like {@link Folded}),
     * without the position map a snippet needs. Search folds every note of a caseload, so plain
     * ASCII (most characters) takes a fast path.
     */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c < 128) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            out.append(TextFolding.fold(codePoint));
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /** A text folded for matching, remembering where each folded character came from. */
    record Folded(String text, int[] starts, int[] ends) {

        static Folded of(String original) {
            StringBuilder out = new StringBuilder(original.length());
            int[] starts = new int[original.length() * 2 + 4];
            int[] ends = new int[starts.length];
            int n = 0;
            for (int i = 0; i < original.length(); ) {
                int codePoint = original.codePointAt(i);
                int next = i + Character.charCount(codePoint);
                String folded = TextFolding.fold(codePoint);
                for (int k = 0; k < folded.length(); k++) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                        ends = Arrays.copyOf(ends, n * 2);
                    }
                    out.append(folded.charAt(k));
                    starts[n] = i;
                    ends[n] = next;
                    n++;
                }
                i = next;
            }
            return new Folded(out.toString(), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
        }

        /** Where the folded character at {@code index} begins in the original. */
        int start(int index) {
            return starts[index];
        }

        /** Where the folded character at {@code index} ends in the original (exclusive). */
        int end(int index) {
            return ends[index];
        }
    }
}
