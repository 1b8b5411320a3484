package org.exitwork.safety;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.ListPages.NEXT;
import static org.exitwork.testing.ListPages.PREVIOUS;
import static org.exitwork.testing.ListPages.link;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A practitioner's own appointments page in the database: fifty a page in order of their start (the id
 * breaking ties), from today or from the days chosen, the pages beside it reached by keyset cursors that
 * carry the days along; each row still names its case (to the tandem) and who comes along; a cursor of
 * someone else's appointment shows nothing.
 */
@DatabaseTest
@AutoConfigureMockMvc
class AppointmentListTest {

    private static final Pattern ROW = Pattern.compile("href=\"/safety/appointments/([0-9a-f-]{36})\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;
    LocalDate today;

    @BeforeEach
    void morePlannedAppointmentsThanAPage() throws Exception {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Visited Person "));
        today = LocalDate.now(clock);
        for (int i = 0; i < 53; i++) {
            // Three a day; two of them start at the same time, so the id breaks the tie.
            LocalDateTime start = today.plusDays(1 + i / 3).atTime(i % 3 == 0 ? 9 : 11, 0);
            plan(a, start, i % 5 == 0 ? client.id() : null, i % 7 == 0 ? b : null);
        }
    }

    @Test
    void fiftyAPageInOrderOfTheirStartAndTheNextAndPreviousPagesInOrder() throws Exception {
        List<String> every = appointments(today, null);
        assertThat(every).hasSize(53);

        String first = page("/safety/appointments", a);
        assertThat(ids(first)).containsExactlyElementsOf(every.subList(0, 50));
        // Rows still name their case to the tandem and who comes along, looked up for the page at once.
        assertThat(first).contains(client.pseudonym()).contains(HtmlUtils.htmlEscape(b.displayName()));
        assertThat(PREVIOUS.matcher(first).find()).as("no page before the first").isFalse();
        String next = link(NEXT, first);
        assertThat(next).isEqualTo("/safety/appointments?after=" + every.get(49));

        String second = page(next, a);
        assertThat(ids(second)).containsExactlyElementsOf(every.subList(50, 53));
        assertThat(NEXT.matcher(second).find()).as("no page after the last").isFalse();
        String previous = link(PREVIOUS, second);
        assertThat(previous).isEqualTo("/safety/appointments?before=" + every.get(50));
        assertThat(ids(page(previous, a))).containsExactlyElementsOf(every.subList(0, 50));
    }

    @Test
    void theDaysNarrowTheListInTheDatabaseAndTravelWithThePageLinks() throws Exception {
        LocalDate second = today.plusDays(2);
        LocalDate third = today.plusDays(3);
        assertThat(ids(page("/safety/appointments?from=" + second + "&until=" + third, a)))
                .hasSize(6).containsExactlyElementsOf(appointments(second, third));
        assertThat(ids(page("/safety/appointments?until=" + today.plusDays(1), a)))
                .containsExactlyElementsOf(appointments(today, today.plusDays(1))).hasSize(3);

        LocalDate fifth = today.plusDays(5);
        List<String> fromFifth = appointments(fifth, null);
        assertThat(fromFifth).hasSize(41);
        String later = page("/safety/appointments?from=" + fifth + "&before=" + fromFifth.get(40), a);
        assertThat(ids(later)).containsExactlyElementsOf(fromFifth.subList(0, 40));
        assertThat(link(NEXT, later)).isEqualTo("/safety/appointments?from=" + fifth + "&after=" + fromFifth.get(39));

        String none = page("/safety/appointments?from=" + today.plusDays(300), a);
        assertThat(ids(none)).isEmpty();
        assertThat(none).contains("No appointment on these days.");
    }

    @Test
    void aCursorOfSomeoneElsesAppointmentShowsNothing() throws Exception {
        List<String> every = appointments(today, null);
        assertThat(ids(page("/safety/appointments?after=" + every.get(0), b))).isEmpty();
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(other, Role.PRACTITIONER);
        String page = page("/safety/appointments?before=" + every.get(52), stranger);
        assertThat(ids(page)).isEmpty();
        assertThat(page).doesNotContain(client.pseudonym());
    }

    @Test
    void aValueTheFormDoesNotOfferIsRefused() throws Exception {
        for (String query : List.of("from=tomorrow", "until=2026-02-31", "after=not-an-id", "before=12",
                "from=" + today.plusDays(3) + "&until=" + today.plusDays(2))) {
            assertThat(mvc.perform(get("/safety/appointments?" + query).with(as(a))).andReturn().getResponse()
                    .getStatus()).as(query).isEqualTo(400);
        }
    }

    private void plan(StaffPrincipal who, LocalDateTime start, UUID clientId, StaffPrincipal attendee) throws Exception {
        MockHttpServletRequestBuilder request = post("/safety/appointments").with(as(who)).with(csrf())
                .param("startsAt", start.toString()).param("endsAt", start.plusHours(1).toString())
                .param("placeKind", "HOME_VISIT").param("place", "A street");
        if (clientId != null) {
            request.param("clientId", clientId.toString());
        }
        if (attendee != null) {
            request.param("attendees", attendee.id().toString());
        }
        assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(302);
    }

    /** a's appointments that touch the days, in the list's order. */
    private List<String> appointments(LocalDate from, LocalDate until) {
        var zone = clock.getZone();
        String sql = "SELECT id FROM saf_appointment WHERE staff_id = ? AND ends_at >= ?"
                + (until == null ? "" : " AND starts_at < ?") + " ORDER BY starts_at, id";
        List<Object> params = new ArrayList<>(List.of(a.id(),
                java.sql.Timestamp.from(from.atStartOfDay(zone).toInstant())));
        if (until != null) {
            params.add(java.sql.Timestamp.from(until.plusDays(1).atStartOfDay(zone).toInstant()));
        }
        return jdbc.sql(sql).params(params).query(UUID.class).list().stream().map(UUID::toString).toList();
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return ListPages.page(mvc, url, who);
    }

    private static List<String> ids(String html) {
        return ListPages.ids(ROW, html);
    }
}
