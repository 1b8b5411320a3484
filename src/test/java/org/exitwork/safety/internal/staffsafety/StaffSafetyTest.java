package org.exitwork.safety.internal.staffsafety;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.TestSmtp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R14: appointments, whereabouts, check-in and the escalation of a missed check-out or a call for
 * help, driven by the clock (no sleeping), with alarm e-mails caught by an in-process SMTP server.
 */
@DatabaseTest
@AutoConfigureMockMvc
public class StaffSafetyTest {

    static final int SMTP_PORT = TestSmtp.freePort();

    @RegisterExtension
    static GreenMailExtension mail = TestSmtp.server(SMTP_PORT);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
        registry.add("exitwork.safety.grace", () -> "15m");
        registry.add("exitwork.safety.escalation-intervals", () -> "10m,20m");
    }


    @Autowired
    org.exitwork.cases.Erasure erasure;

    @Autowired
    MockMvc mvc;

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

    /** A tandem (a, b) carrying a client, a manager, a colleague on duty and one not. */
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;
    StaffPrincipal onDuty;
    StaffPrincipal bystander;
    RegisteredClient client;
    String place;
    UUID org;

    @BeforeEach
    void world() throws Exception {
        var organisation = fixtures.organisation();
        org = organisation.id();
        a = fixtures.staff(organisation, Role.PRACTITIONER);
        b = fixtures.staff(organisation, Role.PRACTITIONER);
        manager = fixtures.manager(org);
        onDuty = fixtures.staff(organisation, Role.PRACTITIONER);
        bystander = fixtures.staff(organisation, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Safety Client "));
        place = Fixtures.unique("Placemarker Lindenweg ");
        for (StaffPrincipal p : List.of(a, b, manager, onDuty, bystander)) {
            ok(post("/safety/settings").param("workEmail", mailOf(p)), p);
        }
        ok(post("/safety/duty").param("staffId", onDuty.id().toString()).param("onDuty", "true"), onDuty);
    }

    public static String mailOf(StaffPrincipal p) {
        return p.username().toLowerCase(Locale.ROOT) + "@work.example.org";
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }

    private Object notice(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getFlashMap().get("notice");
    }

    private void ok(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        assertThat(perform(request, who).getStatus()).as(request.toString()).isIn(200, 302);
    }

    private String page(String path, StaffPrincipal who) throws Exception {
        MockHttpServletResponse response = perform(get(path), who);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** Plans an appointment through the web that started 30 minutes ago and ends in 30 minutes. */
    private UUID plan(StaffPrincipal who, UUID clientId) throws Exception {
        Instant now = clock.instant();
        MockHttpServletRequestBuilder request = post("/safety/appointments")
                .param("startsAt", local(now.minus(Duration.ofMinutes(30))))
                .param("endsAt", local(now.plus(Duration.ofMinutes(30))))
                .param("placeKind", "HOME_VISIT").param("place", place)
                .param("attendees", bystander.id().toString());
        if (clientId != null) {
            request.param("clientId", clientId.toString());
        }
        assertThat(perform(request, who).getStatus()).isEqualTo(302);
        return jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ? ORDER BY created_at DESC").param(who.id())
                .query(UUID.class).list().get(0);
    }

    private Instant endOf(UUID appointment) {
        return jdbc.sql("SELECT ends_at FROM saf_appointment WHERE id = ?").param(appointment)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private void advanceTo(Instant when) {
        clock.advance(Duration.between(clock.instant(), when));
    }

    private List<String> responders() {
        return jdbc.sql("SELECT r.staff_id || ':' || r.step FROM saf_alert_responder r JOIN saf_alert a "
                + "ON a.id = r.alert_id WHERE a.organisation_id = ? ORDER BY r.step").param(org)
                .query(String.class).list();
    }

    private List<String> mailRecipients() throws Exception {
        // Only this test's people: appointments left open by other tests of the same context escalate too.
        List<String> ours = List.of(a, b, manager, onDuty, bystander).stream().map(StaffSafetyTest::mailOf).toList();
        List<String> to = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            String recipient = m.getRecipients(Message.RecipientType.TO)[0].toString();
            if (ours.contains(recipient)) {
                to.add(recipient);
            }
        }
        return to;
    }

    private void assertMailsCarryNoClientData() throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            String text = m.getSubject() + "\n" + GreenMailUtil.getBody(m);
            assertThat(text).doesNotContain(place).doesNotContain("Placemarker").doesNotContain(client.pseudonym())
                    .contains("/safety/alerts");
        }
    }

    @Test
    void anOverdueCheckOutEscalatesInOrderAtTheConfiguredTimes() throws Exception {
        UUID appointment = plan(a, client.id());
        Instant due = endOf(appointment).plus(Duration.ofMinutes(15));

        escalation.runDue();
        advanceTo(due.minusSeconds(60));
        escalation.runDue();
        assertThat(responders()).as("nothing before expected end plus grace").isEmpty();
        assertThat(page("/safety/today", b)).doesNotContain(place);

        advanceTo(due);
        escalation.runDue();
        assertThat(responders()).as("step 1: the practitioner").containsExactly(a.id() + ":1");
        assertThat(mailRecipients()).containsExactly(mailOf(a));
        assertThat(page("/safety/today", b)).as("the place is not shown before escalation").doesNotContain(place);
        assertThat(page("/safety/alerts/banner", a)).contains("alarm-banner");
        assertThat(page("/safety/alerts/banner", b)).doesNotContain("alarm-banner");

        advanceTo(due.plus(Duration.ofMinutes(9)));
        escalation.runDue();
        assertThat(responders()).hasSize(1);

        advanceTo(due.plus(Duration.ofMinutes(10)));
        escalation.runDue();
        escalation.runDue();
        assertThat(responders()).as("step 2: tandem partner and the manager (nobody else is a manager on duty)")
                .containsExactlyInAnyOrder(a.id() + ":1", b.id() + ":2", manager.id() + ":2");
        assertThat(mailRecipients()).containsExactlyInAnyOrder(mailOf(a), mailOf(b), mailOf(manager));
        assertThat(page("/safety/today", b)).as("escalated to b: the place is shown").contains(place)
                .contains(client.pseudonym());
        assertThat(page("/safety/alerts", manager)).contains(place).doesNotContain(client.pseudonym());
        assertThat(page("/safety/today", onDuty)).as("not yet escalated to the colleague on duty")
                .doesNotContain(place).doesNotContain(client.pseudonym());

        advanceTo(due.plus(Duration.ofMinutes(29)));
        escalation.runDue();
        assertThat(responders()).hasSize(3);
        advanceTo(due.plus(Duration.ofMinutes(30)));
        escalation.runDue();
        assertThat(responders()).as("step 3: everyone on duty").contains(onDuty.id() + ":3").hasSize(4)
                .doesNotContain(bystander.id() + ":3");
        assertThat(page("/safety/today", onDuty)).contains(place);
        assertThat(page("/safety/today", bystander)).doesNotContain(place);

        advanceTo(due.plus(Duration.ofHours(3)));
        escalation.runDue();
        assertThat(responders()).hasSize(4);
        assertThat(mailRecipients()).as("each e-mail once")
                .containsExactlyInAnyOrder(mailOf(a), mailOf(b), mailOf(manager), mailOf(onDuty));
        assertMailsCarryNoClientData();

        List<String> steps = audit.recent(org, 200).stream().map(AuditEntry::detail)
                .filter(d -> d != null && d.startsWith("@safety.escalated|")).toList();
        assertThat(steps).anyMatch(d -> d.startsWith("@safety.escalated|1|"))
                .anyMatch(d -> d.startsWith("@safety.escalated|2|"))
                .anyMatch(d -> d.startsWith("@safety.escalated|3|"));
    }

    /**
     * An evening's visit overdue after midnight still reaches those on duty that evening: the escalation read only
     * the new day's roster, empty until someone sets it, so step 3 reached nobody on duty (a full run after 22:45
     * UTC found it, in the test above).
     */
    @Test
    void aVisitOverdueAfterMidnightReachesThoseOnDutyThatEvening() throws Exception {
        Instant now = clock.instant();
        Instant evening = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(23, 10).toInstant(ZoneOffset.UTC);
        if (!evening.isAfter(now)) {
            evening = evening.plus(Duration.ofDays(1));
        }
        advanceTo(evening);
        ok(post("/safety/duty").param("staffId", onDuty.id().toString()).param("onDuty", "true"), onDuty);
        UUID appointment = plan(a, client.id()); // 22:40 to 23:40, due at 23:55
        Instant due = endOf(appointment).plus(Duration.ofMinutes(15));
        advanceTo(due);
        escalation.runDue();
        advanceTo(due.plus(Duration.ofMinutes(10)));
        escalation.runDue();
        escalation.runDue();
        advanceTo(due.plus(Duration.ofMinutes(30)));
        escalation.runDue();
        assertThat(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).as("step 3 on the next day")
                .isEqualTo(LocalDate.ofInstant(evening, ZoneOffset.UTC).plusDays(1));
        assertThat(responders()).as("step 3: those on duty that evening")
                .containsExactlyInAnyOrder(a.id() + ":1", b.id() + ":2", manager.id() + ":2", onDuty.id() + ":3");
        String evenings = java.time.format.DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
                .format(LocalDate.ofInstant(evening, ZoneOffset.UTC));
        assertThat(page("/safety/today", onDuty)).as("the new day's board shows the evening's visit not checked out,"
                + " with its date").contains(place).contains(evenings + " 22:40 – 23:40");
        ok(post("/safety/appointments/{id}/left", appointment), a);
        assertThat(page("/safety/today", onDuty)).as("checked out: yesterday's again").doesNotContain(place);
    }

    @Test
    void acknowledgingStopsTheClimbAndShowsTheOwnerToTheOthers() throws Exception {
        UUID appointment = plan(a, client.id());
        Instant due = endOf(appointment).plus(Duration.ofMinutes(15));
        advanceTo(due);
        escalation.runDue();
        UUID alert = jdbc.sql("SELECT id FROM saf_alert WHERE appointment_id = ?").param(appointment)
                .query(UUID.class).single();
        assertThat(perform(post("/safety/alerts/{id}/acknowledge", alert), a).getStatus())
                .as("the practitioner cannot acknowledge their own alert").isEqualTo(403);
        assertThat(perform(post("/safety/alerts/{id}/acknowledge", alert), b).getStatus())
                .as("b is not alerted yet").isEqualTo(403);
        advanceTo(due.plus(Duration.ofMinutes(10)));
        escalation.runDue();

        assertThat(notice(post("/safety/alerts/{id}/acknowledge", alert), b))
                .isEqualTo("safety.alert.notice.acknowledged");
        assertThat(notice(post("/safety/alerts/{id}/acknowledge", alert), manager))
                .isEqualTo("safety.alert.notice.already-acknowledged");
        assertThat(page("/safety/alerts", manager)).contains(b.displayName());

        advanceTo(due.plus(Duration.ofHours(2)));
        escalation.runDue();
        assertThat(responders()).as("the climb stopped").hasSize(3).noneMatch(r -> r.startsWith(onDuty.id().toString()));

        assertThat(perform(post("/safety/alerts/{id}/resolve", alert), manager).getStatus()).isEqualTo(403);
        ok(post("/safety/alerts/{id}/resolve", alert), b);
        assertThat(jdbc.sql("SELECT resolved_by FROM saf_alert WHERE id = ?").param(alert).query(UUID.class).single())
                .isEqualTo(b.id());
        assertThat(page("/safety/alerts/banner", manager)).doesNotContain("alarm-banner");
        assertThat(audit.recent(org, 200).stream().map(AuditEntry::action))
                .contains(StaffSafetyActions.ALERT_ACKNOWLEDGED, StaffSafetyActions.ALERT_RESOLVED);
    }

    @Test
    void needHelpNowEscalatesAtOnceWithThePlaceForTheResponders() throws Exception {
        UUID appointment = plan(a, client.id());
        ok(post("/safety/appointments/{id}/arrived", appointment), a);
        assertThat(page("/safety/alerts", b)).doesNotContain(place);

        ok(post("/safety/appointments/{id}/help", appointment), a);

        assertThat(responders()).contains(b.id() + ":2", manager.id() + ":2");
        assertThat(page("/safety/alerts", b)).contains(place).contains("data-testid=\"alert-place\"");
        assertThat(page("/safety/alerts", manager)).contains(place);
        assertThat(page("/safety/alerts/banner", manager)).contains("alarm-banner");
        assertThat(page("/safety/today", bystander)).doesNotContain(place);
        assertThat(mailRecipients()).containsExactlyInAnyOrder(mailOf(b), mailOf(manager));
        assertMailsCarryNoClientData();

        escalation.runDue();
        assertThat(mailRecipients()).as("the job does not repeat the step").hasSize(2);
    }

    @Test
    void checkingOutOrExtendingKeepsTheAlarmQuiet() throws Exception {
        UUID appointment = plan(a, null);
        ok(post("/safety/appointments/{id}/extend", appointment).param("minutes", "60"), a);
        Instant due = endOf(appointment).plus(Duration.ofMinutes(15));
        advanceTo(due.minusSeconds(1));
        escalation.runDue();
        assertThat(responders()).isEmpty();
        assertThat(perform(post("/safety/appointments/{id}/extend", appointment).param("minutes", "45"), a)
                .getStatus()).isEqualTo(400);
        ok(post("/safety/appointments/{id}/left", appointment), a);
        advanceTo(due.plus(Duration.ofHours(2)));
        escalation.runDue();
        assertThat(responders()).isEmpty();
        assertThat(perform(post("/safety/appointments/{id}/arrived", appointment), b).getStatus())
                .as("only the practitioner checks in").isEqualTo(403);
    }

    @Test
    void theBoardShowsKindOfPlaceToColleaguesAndThePseudonymOnlyToTheTandem() throws Exception {
        plan(a, client.id());
        String mine = page("/safety/check-in", a);
        assertThat(mine).contains(place).contains("data-testid=\"help\"");
        String forB = page("/safety/today", b);
        assertThat(forB).contains(a.displayName()).contains("Home visit").contains(client.pseudonym())
                .doesNotContain(place);
        String forOther = page("/safety/today", bystander);
        assertThat(forOther).contains(a.displayName()).doesNotContain(client.pseudonym()).doesNotContain(place);
        String forManager = page("/safety/today", manager);
        assertThat(forManager).doesNotContain(client.pseudonym()).doesNotContain(place);
    }

    @Test
    void badFormsAreShownAgainAndStoreNothing() throws Exception {
        Instant now = clock.instant();
        assertThat(perform(post("/safety/appointments").param("startsAt", local(now))
                .param("endsAt", local(now.minusSeconds(3600))).param("placeKind", "OFFICE").param("place", place), a)
                .getStatus()).isEqualTo(400);
        assertThat(perform(post("/safety/appointments").param("startsAt", local(now))
                .param("endsAt", local(now.plusSeconds(3600))).param("placeKind", "OFFICE")
                .param("clientId", client.id().toString()), bystander).getStatus())
                .as("a case the practitioner does not carry").isEqualTo(400);
        assertThat(perform(post("/safety/settings").param("workEmail", "not an address"), a).getStatus())
                .isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_appointment WHERE organisation_id = ?").param(org)
                .query(Integer.class).single()).isZero();
        assertThat(perform(post("/safety/duty").param("staffId", onDuty.id().toString()).param("onDuty", "false"), a)
                .getStatus()).as("a practitioner sets only their own duty").isEqualTo(403);
    }

    @Test
    void thePlaceAndWorkEmailAreNotInTheDatabaseInPlainText() throws Exception {
        UUID appointment = plan(a, client.id());
        ok(post("/safety/appointments/{id}/help", appointment), a);
        assertThat(DatabaseScan.find(dataSource, List.of(place, "Placemarker", "@work.example.org"))).isEmpty();
    }

    @Test
    void noColumnForAHomeAddressAnywhere() throws Exception {
        List<String> columns = new ArrayList<>();
        try (var c = dataSource.getConnection(); var rs = c.getMetaData().getColumns(null, c.getSchema(), "%", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT) + "."
                        + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        assertThat(columns).contains("saf_contact_address.work_email");
        // The one postal address is the organisation's own business address, which every document that
        // leaves names as its sender; no column holds a person's.
        assertThat(columns).contains("acc_organisation.postal_address");
        assertThat(columns).filteredOn(col -> !col.equals("acc_organisation.postal_address")).noneMatch(col -> col.matches(".*\\.(.*home.*|.*street.*|.*postcode.*|.*postal.*|.*zip.*"
                + "|.*residen.*|.*private_address.*)"));
        // Work contacts only: the e-mail for alarms, the telephone number a colleague's phone without signal calls.
        assertThat(columns.stream().filter(col -> col.startsWith("saf_contact_address.")))
                .containsExactlyInAnyOrder("saf_contact_address.staff_id", "saf_contact_address.organisation_id",
                        "saf_contact_address.work_email", "saf_contact_address.work_phone",
                        "saf_contact_address.updated_at");
    }

    @Test
    void erasingTheClientLeavesNoLinkAndNoPlace() throws Exception {
        UUID appointment = plan(a, client.id());
        assertThat(perform(post("/cases/{id}/ending/clients-choice", client.id())
                .param("endedOn", LocalDate.now(clock).toString()).param("eraseNow", "true"), a).getStatus())
                .isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_appointment WHERE client_id = ?").param(client.id())
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT place FROM saf_appointment WHERE id = ?").param(appointment)
                .query(byte[].class).optional()).isEmpty();
        erasure.purgeErased();
        assertThat(DatabaseScan.find(dataSource, List.of(client.id().toString(), place))).isEmpty();
    }
}
