package org.exitwork.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * R19: the built-in information text tells the client what really happens. Version 1 promised that
 * only the tandem reads the record and that nothing goes to courts; version 2 replaces it for every
 * new consent, and version 1 stays readable for the consents given on it.
 */
@DatabaseTest
@AutoConfigureMockMvc
class InformationTextTest {

    static final UUID V1_EN = UUID.fromString("6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0001");
    static final UUID V1_DE = UUID.fromString("6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0002");
    static final UUID V2_EN = UUID.fromString("6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0003");
    static final UUID V2_DE = UUID.fromString("6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0004");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseWork cases;

    @Autowired
    JdbcClient jdbc;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;

    @BeforeEach
    void staff() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
    }

    @Test
    void takeOnOffersTheNewVersionInBothLanguagesAndNothingOlder() throws Exception {
        assertThat(cases.currentInformationText(org.id(), "en")).isEqualTo(V2_EN);
        assertThat(cases.currentInformationText(org.id(), "de")).isEqualTo(V2_DE);
        RegisteredClient prospect = fixtures.prospect(a);
        fixtures.safetyDiscussion(prospect.id(), a);
        mvc.perform(get("/cases/{id}/take-on", prospect.id()).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("value=\"" + V2_EN + "\""),
                        containsString("value=\"" + V2_DE + "\""), not(containsString(V1_EN.toString())),
                        not(containsString(V1_DE.toString())))));
    }

    @Test
    void aConsentOnTheOldVersionIsRefusedAndChangesNothing() throws Exception {
        RegisteredClient prospect = fixtures.prospect(a);
        fixtures.safetyDiscussion(prospect.id(), a);
        mvc.perform(takeOn(prospect.id(), V1_EN)).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("replaced by a newer version")));
        assertThat(stage(prospect.id())).isEqualTo("PROSPECT");
        mvc.perform(takeOn(prospect.id(), V2_EN)).andExpect(status().is3xxRedirection());
        assertThat(stage(prospect.id())).isEqualTo("CLIENT");
        assertThat(consentText(prospect.id())).isEqualTo(V2_EN);
    }

    @Test
    void theNewTextNoLongerPromisesWhatIsNotTrue() throws Exception {
        mvc.perform(get("/cases/information-texts/{id}", V2_EN).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("only your tandem can read it")),
                        not(containsString("we do not pass it on to the police, intelligence services, courts")),
                        containsString("supervision, an emergency"), containsString("police"),
                        containsString("A second member of our staff must agree first"),
                        containsString("no right to refuse to give evidence"),
                        containsString("you can take it back at any time"),
                        containsString("retention period"), containsString("within 30 days"))));
        mvc.perform(get("/cases/information-texts/{id}", V2_DE).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("nur Ihr Tandem kann es lesen")),
                        containsString("Supervision, ein Notfall"), containsString("Polizei"),
                        containsString("kein Zeugnisverweigerungsrecht"),
                        containsString("jederzeit zurücknehmen"), containsString("Aufbewahrungsfrist"),
                        containsString("spätestens nach 30 Tagen"))));
    }

    @Test
    void theOldVersionStaysReadableForTheConsentsGivenOnIt() throws Exception {
        // A client who consented on version 1 before version 2 came out (as after the upgrade).
        RegisteredClient client = fixtures.client(a, b, "Earlier Consent");
        jdbc.sql("UPDATE cas_participation_consent SET text_id = ? WHERE client_id = ?").params(V1_DE, client.id())
                .update();
        mvc.perform(get("/cases/{id}/intake", client.id()).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("/cases/information-texts/" + V1_DE)));
        mvc.perform(get("/cases/information-texts/{id}", V1_DE).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("nur Ihr Tandem kann es lesen")));
        mvc.perform(get("/cases/information-texts").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(V1_EN.toString()), containsString(V2_EN.toString()))));
    }

    private MockHttpServletRequestBuilder takeOn(UUID id, UUID text) {
        return post("/cases/{id}/take-on", id).with(as(a)).with(csrf())
                .param("givenOn", LocalDate.now().minusDays(1).toString()).param("informedHow", "TALK_ONLY")
                .param("informationText", text.toString()).param("language", "en").param("fullName", "Text Reader")
                .param("secondPractitioner", b.id().toString());
    }

    private String stage(UUID id) {
        return jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(id).query(String.class).single();
    }

    private UUID consentText(UUID id) {
        return jdbc.sql("SELECT text_id FROM cas_participation_consent WHERE client_id = ?").param(id)
                .query(UUID.class).single();
    }
}
