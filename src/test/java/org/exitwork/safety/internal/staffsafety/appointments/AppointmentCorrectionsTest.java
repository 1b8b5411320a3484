package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditWording;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.safety.internal.staffsafety.Escalation;
import org.exitwork.safety.internal.staffsafety.StaffSafetyActions;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
 * R14: a practitioner corrects and cancels their own appointments. What may change depends on where the
 * appointment stands; each correction keeps the earlier version and is audited; a cancelled appointment
 * never reaches the board, the check-in page or the escalation; the client's erasure takes every version.
 */
@DatabaseTest
class AppointmentCorrectionsTest {

    @Autowired
    org.exitwork.cases.Erasure erasure;

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditWording wording;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    Escalation escalation;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditLog audit;

    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    StaffPrincipal manager;
    RegisteredClient client;
    String place;
    UUID org;

    @BeforeEach
    void world() {
        var organisation = fixtures.organisation();
        org = organisation.id();
        a = fixtures.staff(organisation, Role.PRACTITIONER);
        b = fixtures.staff(organisation, Role.PRACTITIONER);
        colleague = fixtures.staff(organisation, Role.PRACTITIONER);
        manager = fixtures.manager(org);
        client = fixtures.client(a, b, Fixtures.unique("Corrected Client "));
        place = Fixtures.unique("Placemarker Birkenallee ");
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }

    private String page(UUID appointment, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = perform(get("/safety/appointments/{id}", appointment), who);
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    private String page(String path, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = perform(get(path), who);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private LocalDateTime tomorrowAt(int hour) {
        return LocalDate.now(clock).plusDays(1).atTime(hour, 0);
    }

    private UUID plan(StaffPrincipal who, String startsAt, String endsAt, UUID clientId, String where,
            StaffPrincipal attendee) throws Exception {
        MockHttpServletRequestBuilder request = post("/safety/appointments").param("startsAt", startsAt)
                .param("endsAt", endsAt).param("placeKind", "HOME_VISIT").param("place", where);
        if (clientId != null) {
            request.param("clientId", clientId.toString());
        }
        if (attendee != null) {
            request.param("attendees", attendee.id().toString());
        }
        List<UUID> before = jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?").param(who.id())
                .query(UUID.class).list();
        assertThat(perform(request, who).getStatus()).isEqualTo(302);
        List<UUID> after = new java.util.ArrayList<>(jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?")
                .param(who.id()).query(UUID.class).list());
        after.removeAll(before);
        assertThat(after).hasSize(1);
        return after.get(0);
    }

    /** Planned for tomorrow, 10 to 11, a home visit with the client and a colleague attending. */
    private UUID planTomorrow() throws Exception {
        return plan(a, tomorrowAt(10).toString(), tomorrowAt(11).toString(), client.id(), place, colleague);
    }

    /** Started 30 minutes ago, ends in 30 minutes, not checked in. */
    private UUID planNow(String where) throws Exception {
        Instant now = clock.instant();
        return plan(a, local(now.minus(Duration.ofMinutes(30))), local(now.plus(Duration.ofMinutes(30))), null,
                where, null);
    }

    private MockHttpServletRequestBuilder correction(UUID appointment, int version) {
        return post("/safety/appointments/{id}", appointment).param("version", Integer.toString(version));
    }

    private Map<String, Object> row(UUID appointment) {
        return jdbc.sql("SELECT starts_at, ends_at, place_kind, client_id, version, cancelled_at, place "
                + "FROM saf_appointment WHERE id = ?").param(appointment).query().singleRow();
    }

    /** The row with its sealed place as hex, so that two reads compare equal. */
    private Map<String, Object> comparable(UUID appointment) {
        Map<String, Object> row = new java.util.TreeMap<>(row(appointment));
        row.computeIfPresent("PLACE", (k, v) -> java.util.HexFormat.of().formatHex((byte[]) v));
        row.computeIfPresent("place", (k, v) -> java.util.HexFormat.of().formatHex((byte[]) v));
        return row;
    }

    private int versions(UUID appointment) {
        return jdbc.sql("SELECT COUNT(*) FROM saf_appointment_version WHERE appointment_id = ?").param(appointment)
                .query(Integer.class).single();
    }

    private List<AuditEntry> entries(String action) {
        return audit.recent(org, 200).stream().filter(e -> e.action().equals(action)).toList();
    }

    private Instant endOf(UUID appointment) {
        return jdbc.sql("SELECT ends_at FROM saf_appointment WHERE id = ?").param(appointment)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    @Test
    void aPlannedAppointmentIsCorrectedAndTheEarlierVersionStaysReadableToItsPractitioner() throws Exception {
        UUID appointment = planTomorrow();
        String form = page(appointment, a);
        assertThat(form).contains("data-testid=\"correction-form\"").contains("data-testid=\"cancel-form\"")
                .contains(place).contains("Until it starts you can correct everything");

        String newPlace = Fixtures.unique("Placemarker Office Hall ");
        MockHttpServletResponse corrected = perform(correction(appointment, 0)
                .param("startsAt", tomorrowAt(14).toString()).param("endsAt", tomorrowAt(15).toString())
                .param("placeKind", "OFFICE").param("place", newPlace).param("clientId", ""), a);
        assertThat(corrected.getStatus()).isEqualTo(302);
        assertThat(corrected.getRedirectedUrl()).isEqualTo("/safety/appointments/" + appointment);

        Map<String, Object> now = row(appointment);
        assertThat(now.get("place_kind")).isEqualTo("OFFICE");
        assertThat(now.get("client_id")).isNull();
        assertThat(((Number) now.get("version")).intValue()).isEqualTo(1);
        assertThat(((java.sql.Timestamp) jdbc.sql("SELECT starts_at FROM saf_appointment WHERE id = ?")
                .param(appointment).query(java.sql.Timestamp.class).single()).toInstant())
                .isEqualTo(tomorrowAt(14).toInstant(ZoneOffset.UTC));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_appointment_attendee WHERE appointment_id = ?")
                .param(appointment).query(Integer.class).single()).as("the colleague no longer attends").isZero();
        assertThat(jdbc.sql("SELECT changed FROM saf_appointment_version WHERE appointment_id = ?").param(appointment)
                .query(String.class).single()).isEqualTo("times,place_kind,place,case,attendees");

        String history = page(appointment, a);
        assertThat(history).contains(newPlace).contains("data-testid=\"appointment-version\"")
                .as("the earlier version: its place, case, attendee and who corrected it").contains(place)
                .contains(client.pseudonym()).contains(colleague.displayName()).contains(a.displayName())
                .contains("times, kind of place, place, case, who else attends");
        assertThat(page("/safety/appointments", a)).contains(newPlace).doesNotContain(place);

        List<AuditEntry> audited = entries(StaffSafetyActions.APPOINTMENT_CORRECTED);
        assertThat(audited).hasSize(1);
        String detail = audited.get(0).detail();
        assertThat(detail).startsWith("@safety.appointment-corrected|TIMES,PLACE_KIND,PLACE,CASE,ATTENDEES|1|")
                .doesNotContain("Placemarker");
        assertThat(wording.detail(detail, Locale.ENGLISH))
                .startsWith("changed: times, kind of place, place, case, attendees; version 1, ");
        assertThat(wording.detail(detail, Locale.GERMAN))
                .startsWith("geändert: Zeiten, Art des Ortes, Ort, Fall, Begleitpersonen; Fassung 1, ");
        assertThat(DatabaseScan.find(dataSource, List.of(place, newPlace))).as("both places sealed").isEmpty();

        // The same again changes nothing and keeps no version.
        MockHttpServletResponse same = perform(correction(appointment, 1)
                .param("startsAt", tomorrowAt(14).toString()).param("endsAt", tomorrowAt(15).toString())
                .param("placeKind", "OFFICE").param("place", newPlace), a);
        assertThat(same.getStatus()).isEqualTo(302);
        assertThat(versions(appointment)).isEqualTo(1);
        assertThat(entries(StaffSafetyActions.APPOINTMENT_CORRECTED)).hasSize(1);
    }

    @Test
    void aFormThatShowedAnOlderVersionIsRefusedAndChangesNothing() throws Exception {
        UUID appointment = planTomorrow();
        assertThat(perform(correction(appointment, 0).param("startsAt", tomorrowAt(12).toString())
                .param("endsAt", tomorrowAt(13).toString()).param("placeKind", "OFFICE").param("place", place)
                .param("clientId", client.id().toString()).param("attendees", colleague.id().toString()), a)
                .getStatus()).isEqualTo(302);

        MockHttpServletResponse stale = perform(correction(appointment, 0).param("startsAt", tomorrowAt(16).toString())
                .param("endsAt", tomorrowAt(17).toString()).param("placeKind", "PUBLIC_PLACE").param("place", "Elsewhere"),
                a);
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentAsString()).contains("This appointment was changed meanwhile")
                .as("the form shows the appointment as it is now").contains("value=\"1\"");
        MockHttpServletResponse staleCancel = perform(post("/safety/appointments/{id}/cancel", appointment)
                .param("version", "0"), a);
        assertThat(staleCancel.getStatus()).isEqualTo(409);

        Map<String, Object> now = row(appointment);
        assertThat(now.get("place_kind")).isEqualTo("OFFICE");
        assertThat(now.get("cancelled_at")).isNull();
        assertThat(((Number) now.get("version")).intValue()).isEqualTo(1);
        assertThat(versions(appointment)).isEqualTo(1);
    }

    @Test
    void badInputIsShownAtTheFieldAndChangesNothing() throws Exception {
        UUID appointment = planTomorrow();
        Map<String, Object> before = comparable(appointment);
        Map<MockHttpServletRequestBuilder, String> bad = new java.util.LinkedHashMap<>();
        bad.put(correction(appointment, 0).param("startsAt", "tomorrow at ten").param("endsAt", tomorrowAt(11).toString())
                .param("placeKind", "OFFICE"), "Please enter a date and a time.");
        bad.put(correction(appointment, 0).param("startsAt", tomorrowAt(11).toString())
                .param("endsAt", tomorrowAt(10).toString()).param("placeKind", "OFFICE"),
                "The expected end must be after the start.");
        bad.put(correction(appointment, 0).param("startsAt", tomorrowAt(10).toString())
                .param("endsAt", tomorrowAt(11).toString()).param("placeKind", "CASTLE"),
                "Choose one of the kinds of place.");
        bad.put(correction(appointment, 0).param("startsAt", tomorrowAt(10).toString())
                .param("endsAt", "2026-13-45T99:00").param("placeKind", "OFFICE"), "Please enter a date and a time.");
        bad.put(post("/safety/appointments/{id}", appointment).param("version", "seven")
                .param("startsAt", tomorrowAt(10).toString()).param("endsAt", tomorrowAt(11).toString())
                .param("placeKind", "OFFICE"), "Please reload the page and try again.");
        bad.put(correction(appointment, 0).param("startsAt", tomorrowAt(10).toString())
                .param("endsAt", tomorrowAt(11).toString()).param("placeKind", "OFFICE")
                .param("clientId", fixtures.client(b, colleague, "Not Mine").id().toString()),
                "Choose one of the cases you carry.");
        bad.put(correction(appointment, 0).param("startsAt", tomorrowAt(10).toString())
                .param("endsAt", tomorrowAt(11).toString()).param("placeKind", "OFFICE")
                .param("place", "x".repeat(301)), "Please use between");
        bad.put(post("/safety/appointments/{id}/cancel", appointment).param("version", "0")
                .param("reason", "y".repeat(301)), "Please use between");
        for (var entry : bad.entrySet()) {
            MockHttpServletResponse response = perform(entry.getKey(), a);
            assertThat(response.getStatus()).as(entry.getValue()).isEqualTo(400);
            assertThat(response.getContentAsString()).as(entry.getValue()).contains(entry.getValue())
                    .contains("class=\"error\"");
        }
        assertThat(comparable(appointment)).isEqualTo(before);
        assertThat(versions(appointment)).isZero();
        assertThat(entries(StaffSafetyActions.APPOINTMENT_CORRECTED)).isEmpty();
        assertThat(entries(StaffSafetyActions.APPOINTMENT_CANCELLED)).isEmpty();
    }

    @Test
    void nobodyButThePractitionerSeesCorrectsOrCancelsTheAppointment() throws Exception {
        UUID appointment = planTomorrow();
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        for (StaffPrincipal other : List.of(b, colleague, manager)) {
            assertThat(perform(get("/safety/appointments/{id}", appointment), other).getStatus()).isEqualTo(403);
            assertThat(perform(correction(appointment, 0).param("startsAt", tomorrowAt(12).toString())
                    .param("endsAt", tomorrowAt(13).toString()).param("placeKind", "OFFICE"), other).getStatus())
                    .isEqualTo(403);
            assertThat(perform(post("/safety/appointments/{id}/cancel", appointment).param("version", "0"), other)
                    .getStatus()).isEqualTo(403);
        }
        assertThat(perform(get("/safety/appointments/{id}", appointment), stranger).getStatus()).isEqualTo(404);
        assertThat(perform(post("/safety/appointments/{id}/cancel", appointment).param("version", "0"), stranger)
                .getStatus()).isEqualTo(404);
        assertThat(row(appointment).get("cancelled_at")).isNull();
        assertThat(((Number) row(appointment).get("version")).intValue()).isZero();
    }

    @Test
    void aCancelledAppointmentLeavesBoardAndCheckInAndNeverEscalates() throws Exception {
        UUID appointment = planNow(place);
        assertThat(page("/safety/today", b)).contains("data-testid=\"board\"");
        String reason = Fixtures.unique("Reasonmarker the family cancelled ");

        MockHttpServletResponse cancelled = perform(post("/safety/appointments/{id}/cancel", appointment)
                .param("version", "0").param("reason", reason), a);
        assertThat(cancelled.getStatus()).isEqualTo(302);
        assertThat(cancelled.getRedirectedUrl()).isEqualTo("/safety/appointments/" + appointment);

        assertThat(page("/safety/today", b)).as("off the board").doesNotContain("data-testid=\"board\"");
        assertThat(page("/safety/check-in", a)).doesNotContain("data-testid=\"check-in-card\"").doesNotContain(place);
        assertThat(page("/safety/appointments", a)).as("still in the practitioner's list, as cancelled")
                .contains("data-testid=\"appointment-cancelled\"").contains(place);
        assertThat(page(appointment, a)).contains(reason).contains("Cancelled")
                .doesNotContain("data-testid=\"correction-form\"").doesNotContain("data-testid=\"cancel-form\"");

        clock.advance(Duration.between(clock.instant(), endOf(appointment)).plus(Duration.ofHours(2)));
        escalation.runDue();
        escalation.runDue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_alert WHERE appointment_id = ?").param(appointment)
                .query(Integer.class).single()).as("no alert, ever").isZero();
        for (String action : List.of("arrived", "left", "help")) {
            assertThat(perform(post("/safety/appointments/{id}/" + action, appointment), a).getStatus())
                    .as(action).isEqualTo(409);
        }
        assertThat(perform(post("/safety/appointments/{id}/extend", appointment).param("minutes", "15"), a)
                .getStatus()).isEqualTo(409);
        escalation.runDue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_alert WHERE appointment_id = ?").param(appointment)
                .query(Integer.class).single()).isZero();

        MockHttpServletResponse again = perform(post("/safety/appointments/{id}/cancel", appointment)
                .param("version", "1"), a);
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString()).contains("This appointment is cancelled");

        List<AuditEntry> audited = entries(StaffSafetyActions.APPOINTMENT_CANCELLED);
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).detail()).startsWith("@safety.appointment-cancelled-reason|UNDERWAY|").doesNotContain("Reasonmarker");
        assertThat(DatabaseScan.find(dataSource, List.of(reason))).as("the reason is sealed").isEmpty();
    }

    @Test
    void underWayOnlyTheEndMovesAndOnlyForwardAndACheckedInAppointmentIsNotCancelled() throws Exception {
        UUID appointment = planNow(place);
        assertThat(perform(post("/safety/appointments/{id}/arrived", appointment), a).getStatus()).isEqualTo(302);
        Instant start = jdbc.sql("SELECT starts_at FROM saf_appointment WHERE id = ?").param(appointment)
                .query(java.sql.Timestamp.class).single().toInstant();
        String form = page(appointment, a);
        assertThat(form).contains("only the expected end can be changed").contains("id=\"endsAt\"")
                .doesNotContain("id=\"startsAt\"").doesNotContain("id=\"place\"")
                .doesNotContain("data-testid=\"cancel-form\"");

        Instant later = clock.instant().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.MINUTES);
        // Checking in moved the version on to 1. Other fields sent along are ignored.
        assertThat(perform(correction(appointment, 1).param("endsAt", local(later))
                .param("startsAt", local(clock.instant().plus(Duration.ofDays(3)))).param("placeKind", "OFFICE")
                .param("place", "Somewhere else"), a).getStatus()).isEqualTo(302);
        assertThat(endOf(appointment)).isEqualTo(later);
        assertThat(jdbc.sql("SELECT starts_at FROM saf_appointment WHERE id = ?").param(appointment)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(start);
        assertThat(row(appointment).get("place_kind")).isEqualTo("HOME_VISIT");
        assertThat(page(appointment, a)).contains(place).doesNotContain("Somewhere else");
        assertThat(jdbc.sql("SELECT changed FROM saf_appointment_version WHERE appointment_id = ?").param(appointment)
                .query(String.class).single()).isEqualTo("times");

        MockHttpServletResponse past = perform(correction(appointment, 2)
                .param("endsAt", local(clock.instant().minus(Duration.ofMinutes(5)))), a);
        assertThat(past.getStatus()).isEqualTo(400);
        assertThat(past.getContentAsString()).contains("The new expected end must be later than now");
        assertThat(endOf(appointment)).isEqualTo(later);

        MockHttpServletResponse cancel = perform(post("/safety/appointments/{id}/cancel", appointment)
                .param("version", "2"), a);
        assertThat(cancel.getStatus()).isEqualTo(409);
        assertThat(cancel.getContentAsString()).contains("You checked in to this appointment");
        assertThat(row(appointment).get("cancelled_at")).isNull();

        assertThat(perform(post("/safety/appointments/{id}/left", appointment), a).getStatus()).isEqualTo(302);
        MockHttpServletResponse over = perform(correction(appointment, 3)
                .param("endsAt", local(later.plus(Duration.ofHours(1)))), a);
        assertThat(over.getStatus()).isEqualTo(409);
        assertThat(over.getContentAsString()).contains("This appointment is over");
        assertThat(page(appointment, a)).contains("it is kept as it happened")
                .doesNotContain("data-testid=\"correction-form\"");
        assertThat(versions(appointment)).isEqualTo(1);
    }

    @Test
    void whileAnAlertIsOpenNothingChanges() throws Exception {
        UUID appointment = planNow(place);
        assertThat(perform(post("/safety/appointments/{id}/help", appointment), a).getStatus()).isEqualTo(302);
        assertThat(page(appointment, a)).contains("A safety alert about this appointment is open")
                .doesNotContain("data-testid=\"correction-form\"");
        int version = ((Number) row(appointment).get("version")).intValue();
        MockHttpServletResponse cancel = perform(post("/safety/appointments/{id}/cancel", appointment)
                .param("version", Integer.toString(version)), a);
        assertThat(cancel.getStatus()).isEqualTo(409);
        MockHttpServletResponse correct = perform(correction(appointment, version)
                .param("endsAt", local(clock.instant().plus(Duration.ofHours(2)))), a);
        assertThat(correct.getStatus()).isEqualTo(409);
        assertThat(correct.getContentAsString()).contains("Resolve it on the alerts page first");
        assertThat(row(appointment).get("cancelled_at")).isNull();
        assertThat(versions(appointment)).isZero();
    }

    @Test
    void theClientsErasureTakesEveryVersionOfEveryAppointmentEverLinkedToThem() throws Exception {
        UUID linked = planTomorrow();
        String secondPlace = Fixtures.unique("Placemarker Second ");
        assertThat(perform(correction(linked, 0).param("startsAt", tomorrowAt(12).toString())
                .param("endsAt", tomorrowAt(13).toString()).param("placeKind", "HOME_VISIT").param("place", secondPlace)
                .param("clientId", client.id().toString()), a).getStatus()).isEqualTo(302);
        // Another one was linked to the client once and no longer is.
        String thirdPlace = Fixtures.unique("Placemarker Third ");
        UUID unlinked = plan(a, tomorrowAt(16).toString(), tomorrowAt(17).toString(), client.id(), thirdPlace, null);
        assertThat(perform(correction(unlinked, 0).param("startsAt", tomorrowAt(16).toString())
                .param("endsAt", tomorrowAt(17).toString()).param("placeKind", "OFFICE").param("place", thirdPlace)
                .param("clientId", ""), a).getStatus()).isEqualTo(302);
        assertThat(versions(linked) + versions(unlinked)).isEqualTo(2);

        assertThat(perform(post("/cases/{id}/ending/clients-choice", client.id())
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a).getStatus())
                .isEqualTo(302);

        assertThat(versions(linked) + versions(unlinked)).as("every earlier version is gone").isZero();
        assertThat(row(linked).get("client_id")).isNull();
        assertThat(row(linked).get("place")).isNull();
        assertThat(row(unlinked).get("place")).as("its place may have named the client").isNull();
        erasure.purgeErased();
        assertThat(DatabaseScan.find(dataSource, List.of(client.id().toString(), place, secondPlace, thirdPlace)))
                .isEmpty();
        assertThat(entries(StaffSafetyActions.CLIENT_LINKS_ERASED)).extracting(AuditEntry::detail)
                .containsExactly("@safety.client-links-erased|1|2");
        assertThat(page(linked, a)).contains("This appointment has not been corrected");
    }
}
