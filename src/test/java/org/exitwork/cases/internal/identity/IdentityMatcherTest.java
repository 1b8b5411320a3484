package org.exitwork.cases.internal.identity;

import java.time.LocalDate;

import org.exitwork.cases.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** R9/R10: texts for partners must not name the client; the ways people (or accidents) slip a name past a check. */
class IdentityMatcherTest {

    static final ClientIdentity AHMET = new ClientIdentity("Ahmet Yılmaz", LocalDate.of(2007, 4, 3),
            "0171 2345678, ahmet.y@example.org", "Der Schmied; Łukasz Strauß");

    @ParameterizedTest
    @ValueSource(strings = {
            "We met Ahmet Yılmaz today.",
            "AHMET YILMAZ came late.",
            "Ahmet Yilmaz came late.",
            "Yılmaz said he wants a flat.",
            "Yılmaz, Ahmet",
            "A. Yilmaz",
            "Y\u0131l\u00admaz is fine.",
            "Yıl\u200bmaz is fine.",
            "Ahmet mentioned school.",
            "Der Schmied was there.",
            "Lukasz Strauss was there.",
            "STRAUẞ was there.",
            "\u0410hmet came.",
            "Y\u0131lm\u0430z came.",
            "born 03.04.2007 in Bremen",
            "born 3.4.2007",
            "born 2007-04-03",
            "call 0171 234 5678",
            "call +49 171/2345678",
            "write to Ahmet.Y@example.org",
    })
    void namesTheClient(String text) {
        assertThat(IdentityMatcher.names(AHMET, text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Wolfgang Kubelo took part and looked for a flat.",
            "The meeting was on 03.05.2007 and on 2007-04-04.",
            "Room 171, call the office on 0421 555 0000.",
            "Marker sharemarker2345678 and code 12345678901.",
            "Ahmetović is another family.",
            "",
    })
    void doesNotNameTheClient(String text) {
        assertThat(IdentityMatcher.names(AHMET, text)).as(text).isFalse();
    }

    @Test
    void shortPartsAloneDoNotCountButTheWholeNameDoes() {
        ClientIdentity kim = new ClientIdentity("Kim Ho", null, null, null);
        assertThat(IdentityMatcher.names(kim, "Kim from the youth office and Ho from housing")).isFalse();
        assertThat(IdentityMatcher.names(kim, "KIM HO")).isTrue();
    }
}
