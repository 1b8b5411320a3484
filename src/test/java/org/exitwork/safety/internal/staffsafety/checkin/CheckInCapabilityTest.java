package org.exitwork.safety.internal.staffsafety.checkin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.safety.internal.staffsafety.Alerts;
import org.exitwork.safety.internal.staffsafety.Escalation;
import org.exitwork.safety.internal.staffsafety.PlaceKind;
import org.exitwork.safety.internal.staffsafety.StaffSafety;
import org.exitwork.safety.internal.staffsafety.StaffSafetyActions;
import org.exitwork.safety.internal.staffsafety.checkin.CheckInCapabilities;
import org.exitwork.safety.internal.staffsafety.checkin.CheckInCapability;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
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
 * R14: checking in gives the phone a capability for the four check-in actions of that appointment, for
 * that person, until the planned end plus the escalation window, ended by the check-out. Every request
 * here after the check-in is made without a session, as a phone after the idle timeout: only the cookie.
 */
@DatabaseTest
class CheckInCapabilityTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    StaffSafety safety;

    @Autowired
    Escalation escalation;

    @Autowired
    CheckInCapabilities capabilities;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    javax.sql.DataSource dataSource;

    Fixtures.Organisation organisation;
    StaffPrincipal pat;
    StaffPrincipal colleague;
    UUID appointment;
    Instant end;

    @BeforeEach
    void checkedIn() {
        clock.reset();
        organisation = fixtures.organisation();
        pat = fixtures.staff(organisation, Role.PRACTITIONER);
        colleague = fixtures.staff(organisation, Role.PRACTITIONER);
        end = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        appointment = plan(pat, end);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private UUID plan(StaffPrincipal who, Instant endsAt) {
        return safety.plan(who, new StaffSafety.NewAppointment(clock.instant().minus(Duration.ofMinutes(10)), endsAt,
                PlaceKind.HOME_VISIT, Fixtures.unique("Capability street "), null, Set.of()));
    }

    /** Checks in as a signed-in person and returns the cookie the phone got. */
    private Cookie checkIn(StaffPrincipal who, UUID id) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/safety/appointments/{id}/arrived", id).with(as(who))
                .with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/safety/help/" + id + "?done=arrived");
        String header = response.getHeaders("Set-Cookie").stream().filter(h -> h.startsWith("exitwork-check-in="))
                .findFirst().orElseThrow();
        assertThat(header).contains("Path=/safety/help").contains("HttpOnly").contains("SameSite=Strict")
                .doesNotContain("Secure");
        return new Cookie("exitwork-check-in", header.substring("exitwork-check-in=".length(), header.indexOf(';')));
    }

    /** The token the phone's page carries in its forms. */
    private String token(UUID id, Cookie cookie) throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/safety/help/{id}", id).cookie(cookie)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page.getContentAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private MockHttpServletResponse phone(MockHttpServletRequestBuilder request, Cookie cookie) throws Exception {
        if (cookie != null) {
            request.cookie(cookie);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private long helpAlerts(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM saf_alert WHERE appointment_id = ? AND kind = 'HELP'").param(id)
                .query(Long.class).single();
    }

    private Instant endOf(UUID id) {
        return safety.appointment(organisation.id(), id).orElseThrow().endsAt();
    }

    @Test
    void helpWithoutSigningInIsRaisedAndAuditedAsThePerson() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);

        MockHttpServletResponse help = phone(post("/safety/help/{id}/now", appointment).param("token", token), cookie);

        assertThat(help.getStatus()).isEqualTo(302);
        assertThat(help.getRedirectedUrl()).isEqualTo("/safety/help/" + appointment + "?done=help");
        assertThat(helpAlerts(appointment)).isEqualTo(1);
        List<AuditEntry> entries = audit.recent(organisation.id(), 50);
        assertThat(entries).filteredOn(e -> e.action().equals(StaffSafetyActions.HELP_REQUESTED)).singleElement()
                .satisfies(e -> {
                    assertThat(e.actorId()).isEqualTo(pat.id());
                    assertThat(e.actorName()).isEqualTo(pat.username());
                    assertThat(e.detail()).isEqualTo("@safety.via-check-in");
                });
        String page = phone(get("/safety/help/{id}", appointment).param("done", "help"), cookie).getContentAsString();
        assertThat(page).contains("Your colleagues have been alerted.").contains("An alert is open")
                .as("no place on the phone's check-in page").doesNotContain("Capability street");
    }

    @Test
    void extendingAndArrivingWorkAndRenewTheCookieToTheNewEnd() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);

        MockHttpServletResponse extended = phone(post("/safety/help/{id}/extend", appointment).param("token", token)
                .param("minutes", "30"), cookie);

        assertThat(extended.getStatus()).isEqualTo(302);
        assertThat(endOf(appointment)).isEqualTo(end.plus(Duration.ofMinutes(30)));
        Cookie renewed = extended.getCookie("exitwork-check-in");
        CheckInCapability capability = capabilities.open(renewed.getValue()).orElseThrow();
        assertThat(capability.expiresAt()).isEqualTo(end.plus(Duration.ofMinutes(30)).plus(Duration.ofMinutes(35)));
        assertThat(audit.recent(organisation.id(), 50)).filteredOn(e -> e.action().equals(StaffSafetyActions.EXTENDED))
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("@safety.minutes-via-check-in|30"));
        assertThat(phone(post("/safety/help/{id}/arrived", appointment).param("token", token), renewed).getStatus())
                .isEqualTo(302);
    }

    @Test
    void aForgedCheckInIsRefused() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);
        String[] parts = cookie.getValue().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        // Later expiry, same tag.
        String longer = payload.substring(0, payload.lastIndexOf('|') + 1)
                + clock.instant().plus(Duration.ofDays(30)).getEpochSecond();
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(longer.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1];
        String otherTag = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

        for (String value : List.of(forged, otherTag, parts[0], "garbage", cookie.getValue() + "x")) {
            Cookie bad = new Cookie("exitwork-check-in", value);
            assertThat(phone(get("/safety/help/{id}", appointment), bad).getStatus()).as(value).isEqualTo(403);
            assertThat(phone(post("/safety/help/{id}/now", appointment).param("token", token), bad).getStatus())
                    .as(value).isEqualTo(403);
        }
        assertThat(phone(post("/safety/help/{id}/now", appointment).param("token", token), null).getStatus())
                .as("no cookie").isEqualTo(403);
        assertThat(helpAlerts(appointment)).isZero();
    }

    @Test
    void withoutThePagesTokenAPostIsRefused() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        UUID other = plan(pat, end);
        Cookie otherCookie = checkIn(pat, other);
        String otherToken = token(other, otherCookie);

        assertThat(phone(post("/safety/help/{id}/now", appointment), cookie).getStatus()).isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/now", appointment).param("token", "AAAA"), cookie).getStatus())
                .isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/now", appointment).param("token", otherToken), cookie).getStatus())
                .as("another appointment's token").isEqualTo(403);
        assertThat(helpAlerts(appointment)).isZero();
    }

    @Test
    void anExpiredCheckInIsRefused() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);
        clock.advance(Duration.between(clock.instant(), end).plus(Duration.ofMinutes(34)));
        assertThat(phone(get("/safety/help/{id}", appointment), cookie).getStatus()).as("just before").isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertThat(phone(get("/safety/help/{id}", appointment), cookie).getStatus()).isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/extend", appointment).param("token", token).param("minutes", "15"),
                cookie).getStatus()).isEqualTo(403);
        assertThat(endOf(appointment)).isEqualTo(end);
    }

    @Test
    void anotherAppointmentRefusesIt() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);
        UUID other = plan(pat, end);

        assertThat(phone(get("/safety/help/{id}", other), cookie).getStatus()).isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/now", other).param("token", token), cookie).getStatus()).isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/left", other).param("token", token), cookie).getStatus()).isEqualTo(403);
        assertThat(helpAlerts(other)).isZero();
        assertThat(safety.appointment(organisation.id(), other).orElseThrow().leftAt()).isNull();
    }

    @Test
    void anotherPersonRefusesIt() throws Exception {
        UUID colleagues = plan(colleague, end);
        Instant expires = end.plus(Duration.ofMinutes(35));
        // Signed with the real key, but naming someone else than the appointment's practitioner.
        CheckInCapability mine = new CheckInCapability(colleagues, pat.id(), organisation.id(), expires);
        CheckInCapability theirsAsMine = new CheckInCapability(appointment, colleague.id(), organisation.id(), expires);

        for (CheckInCapability capability : List.of(mine, theirsAsMine)) {
            Cookie cookie = new Cookie("exitwork-check-in", capabilities.seal(capability));
            String token = capabilities.formToken(capability);
            UUID id = capability.appointmentId();
            assertThat(phone(get("/safety/help/{id}", id), cookie).getStatus()).isEqualTo(403);
            assertThat(phone(post("/safety/help/{id}/now", id).param("token", token), cookie).getStatus())
                    .isEqualTo(403);
            assertThat(helpAlerts(id)).isZero();
        }
    }

    @Test
    void checkingOutEndsItAndACopiedCookieNoLongerWorks() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);

        MockHttpServletResponse left = phone(post("/safety/help/{id}/left", appointment).param("token", token), cookie);

        assertThat(left.getStatus()).isEqualTo(200);
        assertThat(left.getContentAsString()).contains("You are checked out.");
        assertThat(left.getHeaders("Set-Cookie")).anySatisfy(h -> assertThat(h).startsWith("exitwork-check-in=;")
                .contains("Max-Age=0").contains("Path=/safety/help"));
        assertThat(safety.appointment(organisation.id(), appointment).orElseThrow().leftAt()).isNotNull();
        assertThat(phone(get("/safety/help/{id}", appointment), cookie).getStatus()).isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/now", appointment).param("token", token), cookie).getStatus())
                .isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/extend", appointment).param("token", token).param("minutes", "15"),
                cookie).getStatus()).isEqualTo(403);
        assertThat(helpAlerts(appointment)).isZero();
        assertThat(endOf(appointment)).isEqualTo(end);
    }

    @Test
    void checkingOutOnASignedInPageEndsItToo() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);

        MockHttpServletResponse left = mvc.perform(post("/safety/appointments/{id}/left", appointment).with(as(pat))
                .with(csrf())).andReturn().getResponse();

        assertThat(left.getHeaders("Set-Cookie")).anySatisfy(h -> assertThat(h).startsWith("exitwork-check-in=;"));
        assertThat(phone(post("/safety/help/{id}/now", appointment).param("token", token), cookie).getStatus())
                .isEqualTo(403);
    }

    @Test
    void otherPagesTreatItsBearerAsSignedOut() throws Exception {
        Cookie cookie = checkIn(pat, appointment);

        for (String path : List.of("/cases", "/safety/check-in", "/safety/today", "/safety/alerts", "/start")) {
            MockHttpServletResponse response = phone(get(path), cookie);
            assertThat(response.getStatus()).as(path).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).as(path).endsWith("/sign-in");
        }
        MockHttpServletResponse signedInHelp = phone(post("/safety/appointments/{id}/help", appointment).with(csrf()),
                cookie);
        assertThat(signedInHelp.getStatus()).isEqualTo(302);
        assertThat(signedInHelp.getRedirectedUrl()).endsWith("/sign-in");
        assertThat(helpAlerts(appointment)).isZero();
    }

    @Test
    void aRepeatedEventCountsOnceWithThePhonesTimeAndTheServers() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);
        UUID eventId = UUID.randomUUID();
        Instant phoneTime = clock.instant().minus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.SECONDS);

        for (int i = 0; i < 2; i++) {
            assertThat(phone(post("/safety/help/{id}/extend", appointment).param("token", token).param("minutes", "15")
                    .param("eventId", eventId.toString()).param("phoneTime", phoneTime.toString()), cookie).getStatus())
                    .isEqualTo(302);
        }

        assertThat(endOf(appointment)).as("extended once").isEqualTo(end.plus(Duration.ofMinutes(15)));
        assertThat(audit.recent(organisation.id(), 50)).filteredOn(e -> e.action().equals(StaffSafetyActions.EXTENDED))
                .hasSize(1);
        var kept = jdbc.sql("SELECT action, phone_time, server_time FROM saf_check_in_event WHERE event_id = ?")
                .param(eventId).query((rs, n) -> List.of(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant())).single();
        assertThat(kept.get(0)).isEqualTo("EXTENDED");
        assertThat(kept.get(1)).isEqualTo(phoneTime);
        assertThat(kept.get(2)).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aRepeatedCheckOutIsAnsweredLikeTheFirstButANewEventIsNot() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        String token = token(appointment, cookie);
        UUID eventId = UUID.randomUUID();
        MockHttpServletRequestBuilder checkOut = post("/safety/help/{id}/left", appointment).param("token", token)
                .param("eventId", eventId.toString()).param("phoneTime", clock.instant().toString());
        assertThat(phone(checkOut, cookie).getStatus()).isEqualTo(200);

        // The answer was lost on the way: the phone still has its cookie and sends the check-out again.
        assertThat(phone(post("/safety/help/{id}/left", appointment).param("token", token)
                .param("eventId", eventId.toString()).param("phoneTime", clock.instant().toString()), cookie).getStatus())
                .isEqualTo(200);
        assertThat(audit.recent(organisation.id(), 50)).filteredOn(e -> e.action().equals(StaffSafetyActions.LEFT))
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("@safety.via-check-in"));
        assertThat(phone(post("/safety/help/{id}/left", appointment).param("token", token)
                .param("eventId", UUID.randomUUID().toString()), cookie).getStatus()).isEqualTo(403);
        assertThat(phone(post("/safety/help/{id}/extend", appointment).param("token", token).param("minutes", "15")
                .param("eventId", eventId.toString()), cookie).getStatus())
                .as("an event id of this appointment does not open another action").isEqualTo(302);
        assertThat(endOf(appointment)).isEqualTo(end);
    }

    @Test
    void thePhonesPageCarriesWhomToCallAndTheNumbersAreSealed() throws Exception {
        StaffPrincipal manager = fixtures.manager(organisation.id());
        String number = "+49 30 " + (100000 + new java.util.Random().nextInt(899999));
        assertThat(mvc.perform(post("/safety/settings").with(as(manager)).with(csrf()).param("workEmail", "")
                .param("workPhone", "call me")).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(post("/safety/settings").with(as(manager)).with(csrf()).param("workEmail", "")
                .param("workPhone", number)).andReturn().getResponse().getStatus()).isEqualTo(302);
        Cookie cookie = checkIn(pat, appointment);

        String page = phone(get("/safety/help/{id}", appointment), cookie).getContentAsString();

        assertThat(page).contains("href=\"tel:112\"")
                .contains("href=\"tel:" + number.replace(" ", "") + "\"")
                .contains("data-testid=\"call-for-help\" hidden");
        assertThat(org.exitwork.testing.DatabaseScan.find(dataSource, List.of(number))).isEmpty();
    }

    @Test
    void theCheckInPagesInstallAsAnAppAndSigningOutClearsWhatThePhoneKept() throws Exception {
        String page = mvc.perform(get("/safety/check-in").with(as(pat))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">")
                .contains("<script src=\"/js/check-in.js\" defer></script>").contains("data-queue");
        assertThat(mvc.perform(get("/cases").with(as(pat))).andReturn().getResponse().getContentAsString())
                .as("other pages do not install").doesNotContain("manifest.webmanifest");
        MockHttpServletResponse manifest = mvc.perform(get("/manifest.webmanifest")).andReturn().getResponse();
        assertThat(manifest.getStatus()).isEqualTo(200);
        assertThat(manifest.getContentAsString()).contains("\"start_url\": \"/safety/check-in\"")
                .contains("\"scope\": \"/safety/\"").contains("/icons/check-in-512.png");
        assertThat(mvc.perform(get("/safety/check-in").with(as(pat))).andReturn().getResponse()
                .getHeader("Content-Security-Policy")).contains("worker-src 'self'").contains("manifest-src 'self'")
                .contains("script-src 'self';");

        MockHttpServletResponse signedOut = mvc.perform(post("/sign-out").secure(true).with(as(pat)).with(csrf()))
                .andReturn().getResponse();
        assertThat(signedOut.getHeader("Clear-Site-Data")).isEqualTo("\"cache\", \"storage\"");
        assertThat(mvc.perform(get("/sign-in").param("signed-out", "")).andReturn().getResponse().getContentAsString())
                .contains("<script src=\"/js/signed-out.js\" defer></script>");
    }

    /**
     * Signing out on the device ends its check-in: the cookie is cleared with the session (a phone left behind
     * cannot check its holder out). A copy taken before keeps its limits: the check-out or the expiry.
     */
    @Test
    void signingOutOnThisPhoneClearsItsCheckIn() throws Exception {
        checkIn(pat, appointment);
        for (boolean https : new boolean[] { false, true }) {
            MockHttpServletResponse signedOut = mvc.perform(post("/sign-out").secure(https).with(as(pat)).with(csrf()))
                    .andReturn().getResponse();
            assertThat(signedOut.getRedirectedUrl()).isEqualTo("/sign-in?signed-out");
            assertThat(signedOut.getHeaders("Set-Cookie")).filteredOn(h -> h.startsWith("exitwork-check-in="))
                    .singleElement().satisfies(h -> {
                        assertThat(h).startsWith("exitwork-check-in=;").contains("Path=/safety/help").contains("Max-Age=0")
                                .contains("HttpOnly").contains("SameSite=Strict");
                        assertThat(h.contains("Secure")).as("Secure on https").isEqualTo(https);
                    });
        }
    }

    @Test
    void onHttpsTheCookieIsSecure() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/safety/appointments/{id}/arrived", appointment)
                .secure(true).with(as(pat)).with(csrf())).andReturn().getResponse();
        assertThat(response.getHeaders("Set-Cookie")).filteredOn(h -> h.startsWith("exitwork-check-in="))
                .singleElement().satisfies(h -> assertThat(h).contains("Secure").contains("HttpOnly")
                        .contains("SameSite=Strict"));
    }

    @Test
    void aMissedCheckOutStillEscalatesOnTheServer() throws Exception {
        Cookie cookie = checkIn(pat, appointment);
        token(appointment, cookie);
        clock.advance(Duration.between(clock.instant(), end).plus(Duration.ofMinutes(16)));

        escalation.runDue();

        assertThat(jdbc.sql("SELECT kind FROM saf_alert WHERE appointment_id = ?").param(appointment)
                .query(String.class).list()).containsExactly("OVERDUE");
    }
}
