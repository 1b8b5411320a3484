package org.exitwork.cases.internal.sessions;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching and snippets of the note search, without a database. */
class SearchTextTest {

    @Test
    void caseAndAccentsMakeNoDifference() {
        String note = "Er sprach über Herrn Müller und die Straße am Café.";
        assertThat(SearchText.matches(SearchText.words("MULLER"), note)).isTrue();
        assertThat(SearchText.matches(SearchText.words("müller"), note)).isTrue();
        assertThat(SearchText.matches(SearchText.words("strasse"), note)).isTrue();
        assertThat(SearchText.matches(SearchText.words("CAFE"), note)).isTrue();
        assertThat(SearchText.matches(SearchText.words("ueber"), note)).as("no transliteration").isFalse();
        // Decomposed accents in the text are folded the same way.
        assertThat(SearchText.matches(SearchText.words("jose"), "Jose\u0301 came along")).isTrue();
    }

    @Test
    void everyWordMustOccurInAnyOrder() {
        String note = "The brother called; later we talked about the football club.";
        assertThat(SearchText.matches(SearchText.words("club brother"), note)).isTrue();
        assertThat(SearchText.matches(SearchText.words("  football   talked "), note)).isTrue();
        assertThat(SearchText.matches(SearchText.words("brother sister"), note)).isFalse();
        assertThat(SearchText.matches(SearchText.words("broth"), note)).as("substrings").isTrue();
        // Words may be spread over the note and the next steps.
        assertThat(SearchText.matches(SearchText.words("brother internship"), note, "Look for an internship"))
                .isTrue();
        assertThat(SearchText.matches(SearchText.words("brother"), null, null)).isFalse();
        assertThat(SearchText.matches(SearchText.words("   "), note)).isFalse();
    }

    @Test
    void theSnippetMarksEveryHitInTheOriginalSpelling() {
        List<SearchText.Part> parts = SearchText.snippet(SearchText.words("muller strasse"),
                "Besuch bei Müller in der Straße; Frau MÜLLER war da.");
        assertThat(marked(parts)).containsExactly("Müller", "Straße", "MÜLLER");
        assertThat(text(parts)).isEqualTo("Besuch bei Müller in der Straße; Frau MÜLLER war da.");
    }

    @Test
    void aLongNoteIsCutAroundTheFirstHit() {
        String before = "word ".repeat(100);
        String after = " more".repeat(100);
        List<SearchText.Part> parts = SearchText.snippet(SearchText.words("needle"), before + "Needle" + after);
        String shown = text(parts);
        assertThat(shown).startsWith("… ").endsWith(" …").contains("Needle");
        assertThat(shown.length()).isLessThan(220);
        assertThat(marked(parts)).containsExactly("Needle");
        assertThat(SearchText.snippet(SearchText.words("absent"), before)).isNull();
    }

    @Test
    void charactersThatFoldIntoTwoKeepTheirPlace() {
        List<SearchText.Part> parts = SearchText.snippet(SearchText.words("weiss"), "Das Weiße Haus, weiß er.");
        assertThat(marked(parts)).containsExactly("Weiß", "weiß");
    }

    private static List<String> marked(List<SearchText.Part> parts) {
        return parts.stream().filter(SearchText.Part::hit).map(SearchText.Part::text).toList();
    }

    private static String text(List<SearchText.Part> parts) {
        return parts.stream().map(SearchText.Part::text).collect(Collectors.joining());
    }

    /** The fast fold used for matching and the position-keeping fold used for snippets agree. */
    @Test
    void theFastFoldAgreesWithTheSnippetFold() {
        for (String text : java.util.List.of("Plain ASCII Text 123", "Müller, Straße, ÆSIR, Łódź, İstanbul",
                "Émile & Zoë — naïve façade", "emoji 😀 and \u00e9 composed vs e\u0301 decomposed", "")) {
            org.assertj.core.api.Assertions.assertThat(SearchText.fold(text)).as(text)
                    .isEqualTo(SearchText.Folded.of(text).text());
        }
    }
}
