package org.exitwork.safety;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Whom the appointment forms offer as attendees (issue 19, a national programme). A small organisation: every
 * practitioner and manager, as always. A large one (more than forty of them; the benchmark's has a thousand):
 * reading and drawing everyone on every opening grew with the organisation, so the forms offer the colleagues
 * the practitioner shares a case with, those already chosen, and those found by a part of their name. Who may
 * be saved as an attendee is not narrowed: any active practitioner or manager of the organisation, no one else.
 */
@DatabaseTest
@AutoConfigureMockMvc
class AttendeeChoiceTest {

    /** More practitioners and managers than the forms list in full (StaffSafety.WHOLE_TEAM is forty). */
    private static final int LARGE = 42;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void aLargeOrganisationOffersTheTandemColleaguesThoseChosenAndThoseFoundByName() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal partner = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, partner, Fixtures.unique("Shared Person "));
        List<StaffPrincipal> others = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            others.add(fixtures.staff(org, Role.PRACTITIONER));
        }
        StaffPrincipal stranger = others.get(LARGE / 2);
        StaffPrincipal officer = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);

        String page = page("/safety/appointments", a);
        assertThat(page).contains("data-testid=\"colleague-search\"")
                .contains("value=\"" + partner.id() + "\"")
                .doesNotContain("value=\"" + a.id() + "\"")
                .doesNotContain("value=\"" + stranger.id() + "\"");
        assertThat(others.stream().filter(o -> page.contains("value=\"" + o.id() + "\""))).isEmpty();

        // Found by a part of the name, letter case ignored; the case's colleague is still offered.
        String part = stranger.displayName().substring(2).toUpperCase(java.util.Locale.ROOT);
        String found = page("/safety/appointments", a, part);
        assertThat(found).contains("value=\"" + stranger.id() + "\"").contains("value=\"" + partner.id() + "\"")
                .doesNotContain("data-testid=\"colleague-none\"");
        assertThat(found.split("name=\"attendees\"", -1)).hasSize(3);
        // Nothing found: said so. A % or _ is a letter like any other, not a wildcard.
        for (String nothing : List.of("no such name at all", "%", "_")) {
            assertThat(page("/safety/appointments", a, nothing)).contains("data-testid=\"colleague-none\"")
                    .doesNotContain("value=\"" + stranger.id() + "\"");
        }
        assertThat(mvc.perform(get("/safety/appointments").param("colleague", "x".repeat(101)).with(as(a)))
                .andReturn().getResponse().getStatus()).isEqualTo(400);

        // Anyone of the team may attend, offered on this opening or not; the officer is no colleague to take along.
        LocalDateTime start = LocalDate.now(clock).plusDays(2).atTime(10, 0);
        assertThat(plan(a, start, client.id(), stranger).getStatus()).isEqualTo(302);
        UUID appointment = jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?").param(a.id())
                .query(UUID.class).single();
        assertThat(jdbc.sql("SELECT staff_id FROM saf_appointment_attendee WHERE appointment_id = ?")
                .param(appointment).query(UUID.class).list()).containsExactly(stranger.id());
        assertThat(plan(a, start.plusDays(1), null, officer).getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_appointment WHERE staff_id = ?").param(a.id())
                .query(Long.class).single()).isEqualTo(1L);

        // The correction form offers the appointment's attendee and the case's colleague, not the rest; it
        // finds others by name as the planning form does, and what it finds may be saved.
        String correction = page("/safety/appointments/" + appointment, a);
        assertThat(correction).contains("value=\"" + stranger.id() + "\"").contains("value=\"" + partner.id() + "\"")
                .contains("action=\"/safety/appointments/" + appointment + "\" data-testid=\"colleague-search\"");
        assertThat(correction.split("name=\"attendees\"", -1)).hasSize(3);
        StaffPrincipal another = others.get(1);
        String foundThere = page("/safety/appointments/" + appointment, a, another.displayName().substring(3));
        assertThat(foundThere).contains("value=\"" + another.id() + "\"").contains("value=\"" + stranger.id() + "\"")
                .contains("value=\"" + partner.id() + "\"").doesNotContain("data-testid=\"colleague-none\"");
        assertThat(foundThere.split("name=\"attendees\"", -1)).hasSize(4);
        assertThat(page("/safety/appointments/" + appointment, a, "no such name at all"))
                .contains("data-testid=\"colleague-none\"").doesNotContain("value=\"" + another.id() + "\"");
        assertThat(mvc.perform(get("/safety/appointments/" + appointment).param("colleague", "x".repeat(101))
                .with(as(a))).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(post("/safety/appointments/" + appointment).with(as(a)).with(csrf())
                .param("version", "0").param("startsAt", start.toString()).param("endsAt", start.plusHours(1).toString())
                .param("placeKind", "HOME_VISIT").param("place", "A street").param("clientId", client.id().toString())
                .param("attendees", stranger.id().toString()).param("attendees", another.id().toString()))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/safety/appointments/" + appointment);
        assertThat(jdbc.sql("SELECT staff_id FROM saf_appointment_attendee WHERE appointment_id = ?")
                .param(appointment).query(UUID.class).list()).containsExactlyInAnyOrder(stranger.id(), another.id());
    }

    @Test
    void aSmallOrganisationOffersEveryPractitionerAndManagerButOneself() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        StaffPrincipal officer = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);

        String page = page("/safety/appointments", a, officer.displayName());
        assertThat(page).doesNotContain("data-testid=\"colleague-search\"")
                .contains("value=\"" + b.id() + "\"").contains("value=\"" + manager.id() + "\"")
                .doesNotContain("value=\"" + a.id() + "\"").doesNotContain("value=\"" + officer.id() + "\"");
    }

    private MockHttpServletResponse plan(StaffPrincipal who, LocalDateTime start, UUID clientId,
            StaffPrincipal attendee) throws Exception {
        MockHttpServletRequestBuilder request = post("/safety/appointments").with(as(who)).with(csrf())
                .param("startsAt", start.toString()).param("endsAt", start.plusHours(1).toString())
                .param("placeKind", "HOME_VISIT").param("place", "A street")
                .param("attendees", attendee.id().toString());
        if (clientId != null) {
            request.param("clientId", clientId.toString());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return page(url, who, null);
    }

    private String page(String url, StaffPrincipal who, String colleague) throws Exception {
        MockHttpServletRequestBuilder request = get(url).with(as(who));
        if (colleague != null) {
            request.param("colleague", colleague);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }
}
