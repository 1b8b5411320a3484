package org.exitwork.platform;

import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors of the one text folder: what people type and what is written meet. */
class TextFoldingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Müller|muller",
            "MÜLLER|muller",
            "Straße|strasse",
            "STRAUẞ|strauss",
            "Über|uber",
            "Öztürk|ozturk",
            "Café|cafe",
            "Jose\u0301|jose",
            "Yılmaz|yilmaz",
            "YILMAZ|yilmaz",
            "İstanbul|istanbul",
            "Łukasz|lukasz",
            "Łódź|lodz",
            "Søren|soren",
            "Þór Æsir Œuvre|thor aesir oeuvre",
            "Đorđe ðæ ħŧ|dorde dae ht",
            "Y\u0131l\u00admaz|yilmaz",
            "Yıl\u200bmaz|yilmaz",
            "ﬁne|fine",
            "ＡＢＣ|abc",
            "Иван Петров|иван петров",
            "ЙОГА|иога",
            "plain ascii 123|plain ascii 123",
    })
    void folds(String text, String folded) {
        assertThat(TextFolding.fold(text)).isEqualTo(folded);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Müller, Straße, ÆSIR, Łódź, İstanbul",
            "Émile & Zoë — naïve façade",
            "emoji 😀 and \u00e9 composed vs e\u0301 decomposed",
            "Y\u0131l\u00admaz Иван ﬁne",
    })
    void oneCharacterAtATimeAgreesWithTheWholeText(String text) {
        String byCharacter = text.codePoints().mapToObj(TextFolding::fold).collect(Collectors.joining());
        assertThat(byCharacter).isEqualTo(TextFolding.fold(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ü|ue", "Иван|ivan", "ß|ß"})
    void spellsNoLanguageAndKeepsOtherScripts(String text, String notThis) {
        assertThat(TextFolding.fold(text)).isNotEqualTo(notThis);
    }
}
