package org.exitwork.cases;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * R6/R20: no identifying datum, note text or second-factor seed appears in plain text anywhere in
 * the database, after writing known markers through the web application.
 */
@DatabaseTest
@AutoConfigureMockMvc
class NoPlaintextAtRestTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    DataSource dataSource;

    @Test
    void markersWrittenThroughTheApplicationAreNowhereInPlainText() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);

        var opened = mvc.perform(post("/cases").with(as(a)).with(csrf())
                        .param("pathway", "FAMILY").param("areas", "GANGS").param("contextCase", "true"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String caseUrl = opened.getResponse().getRedirectedUrl().replace("/intake", "");
        mvc.perform(post(caseUrl + "/contacts").with(as(a)).with(csrf()).param("contactedOn", "2026-01-02")
                        .param("kind", "MOTIVATIONAL_CONVERSATION").param("reached", "true")
                        .param("note", "Contactmarker: met his aunt Wobbleton"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(caseUrl + "/description").with(as(a)).with(csrf()).param("areas", "GANGS")
                        .param("contextCase", "true").param("personAtRisk", "Riskmarker nephew"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(caseUrl + "/safety-discussion").with(as(fixtures.manager(org.id()))).with(csrf())
                        .param("heldOn", "2026-01-03").param("risks", "Safetymarker: no home visits in Blorbtown"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(caseUrl + "/take-on").with(as(a)).with(csrf())
                        .param("givenOn", "2026-01-04").param("informedHow", "TEXT_READ_TOGETHER")
                        .param("informationText", fixtures.consent(org.id(), "en").informationText().toString())
                        .param("language", "en")
                        .param("fullName", "Zyxwname Markerperson")
                        .param("dateOfBirth", "1987-06-05")
                        .param("contact", "marker-contact@example.org")
                        .param("aliases", "Aliasmarker Qqq")
                        .param("secondPractitioner", b.id().toString()))
                .andExpect(status().is3xxRedirection());

        mvc.perform(post(caseUrl + "/sessions").with(as(b)).with(csrf())
                        .param("sessionDate", "2026-01-15").param("setting", "ONE_ON_ONE")
                        .param("text", "Notemarker: he spoke about Quuxville and his brother."))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(caseUrl + "/break-glass").with(as(colleague)).with(csrf())
                        .param("reason", "EMERGENCY")
                        .param("explanation", "Glassmarker: tandem unreachable tonight"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(caseUrl + "/ending/completed").with(as(a)).with(csrf())
                        .param("closedOn", java.time.LocalDate.now().toString())
                        .param("aftercarePlan", "Aftercaremarker: call at Easter"))
                .andExpect(status().is3xxRedirection());
        // Reading puts nothing in plain text either (sessions, audit details).
        mvc.perform(get(caseUrl).with(as(a))).andExpect(status().isOk());
        mvc.perform(get(caseUrl + "/identity").with(as(a))).andExpect(status().isOk());

        // A staff member's TOTP seed, as shown once at enrolment.
        var staff = fixtures.staffWithPassword(org, Role.MANAGER);
        String page = mvc.perform(get("/sign-in/enrol").with(Fixtures.passwordOnly(staff.principal())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(m.find()).isTrue();
        String seed = m.group(1).replace(" ", "");

        List<String> markers = List.of("Zyxwname", "Markerperson", "marker-contact", "Aliasmarker", "1987-06-05",
                "Notemarker", "Quuxville", "Glassmarker", "tandem unreachable", "Contactmarker", "Wobbleton",
                "Riskmarker", "Safetymarker", "Blorbtown", "Aftercaremarker", seed);

        // The scan does find a marker that is stored in plain text: it can fail.
        assertThat(DatabaseScan.find(dataSource, List.of(a.username()))).isNotEmpty();
        assertThat(DatabaseScan.find(dataSource, markers)).isEmpty();
    }
}
