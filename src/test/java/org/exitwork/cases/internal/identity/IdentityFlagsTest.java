package org.exitwork.cases.internal.identity;

import java.time.LocalDate;
import java.util.List;

import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.IdentityFlag;
import org.exitwork.cases.IdentityFlag.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the check before a vignette's release flags, with the words as the author wrote them (R16). */
class IdentityFlagsTest {

    static final IdentityFlags.Known KNOWN = new IdentityFlags.Known("Kaveli Tomura",
            new ClientIdentity("Jonas Brückner", LocalDate.of(2004, 3, 17), "Lindenweg 4, Kassel; 0151 2345678; jb@mail.example",
                    "Jojo, Bruecki"),
            List.of("Marta Brückner", "Onkel Ferdinand"), List.of("JVA Wiesengrund"));

    static List<IdentityFlag> flags(String text) {
        return IdentityFlags.find(KNOWN, text);
    }

    @Test
    void namesAliasesAndPartsAreFlaggedAsWritten() {
        assertThat(flags("Then JONAS BRÜCKNER said that Jojo was gone, and Bruckner laughed.")).containsExactly(
                new IdentityFlag(Kind.NAME, "JONAS BRÜCKNER"), new IdentityFlag(Kind.ALIAS, "Jojo"),
                new IdentityFlag(Kind.NAME, "Bruckner"));
        assertThat(flags("Yıl\u00admaz and Jo\u00adnas")).containsExactly(new IdentityFlag(Kind.NAME, "Jo\u00adnas"));
    }

    @Test
    void theVaultsPlacesAndContactsAndTheContextAreFlagged() {
        assertThat(flags("He moved from Kassel, call 0151/234 5678 or jb@mail.example.")).containsExactly(
                new IdentityFlag(Kind.CONTACT, "Kassel"), new IdentityFlag(Kind.CONTACT, "0151/234 5678"),
                new IdentityFlag(Kind.CONTACT, "jb@mail.example"));
        assertThat(flags("His uncle Ferdinand visited him in the JVA Wiesengrund.")).containsExactly(
                new IdentityFlag(Kind.CONTEXT_PERSON, "Ferdinand"), new IdentityFlag(Kind.INSTITUTION, "JVA Wiesengrund"));
        assertThat(flags("Kaveli said no.")).containsExactly(new IdentityFlag(Kind.PSEUDONYM, "Kaveli"));
    }

    @Test
    void patternsAreFlaggedWithoutTheVault() {
        assertThat(flags("Born 17.03.2004, we met on 3 April 2025 and March 5, 2024; his sister was born 2001-02-03."))
                .containsExactly(new IdentityFlag(Kind.DATE_OF_BIRTH, "17.03.2004"),
                        new IdentityFlag(Kind.DATE, "3 April 2025"), new IdentityFlag(Kind.DATE, "March 5, 2024"),
                        new IdentityFlag(Kind.DATE, "2001-02-03"));
        assertThat(flags("Ring +49 30 1234567 or mail x.y@beispiel.de; IBAN DE89 3704 0044 0532 0130 00."))
                .containsExactly(new IdentityFlag(Kind.TELEPHONE, "+49 30 1234567"),
                        new IdentityFlag(Kind.EMAIL, "x.y@beispiel.de"),
                        new IdentityFlag(Kind.IBAN, "DE89 3704 0044 0532 0130 00"));
        assertThat(flags("He lived at Hauptstraße 12a, 34117 Kassel, later at 221 Baker Street."))
                .containsExactly(new IdentityFlag(Kind.POSTAL_ADDRESS, "Hauptstraße 12a"),
                        new IdentityFlag(Kind.POSTAL_ADDRESS, "34117 Kassel"),
                        new IdentityFlag(Kind.POSTAL_ADDRESS, "221 Baker Street"));
    }

    @Test
    void aTextWithoutAnyOfItIsNotFlagged() {
        assertThat(flags("A young man in his twenties, at first suspicious, slowly began to talk about his doubts "
                + "in the third year of our work; two of us met him every two weeks.")).isEmpty();
        assertThat(flags("   ")).isEmpty();
    }
}
