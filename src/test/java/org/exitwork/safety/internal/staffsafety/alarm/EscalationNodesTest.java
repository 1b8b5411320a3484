package org.exitwork.safety.internal.staffsafety.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.exitwork.ExitworkApplication;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.safety.internal.staffsafety.Escalation;
import org.exitwork.safety.internal.staffsafety.PlaceKind;
import org.exitwork.safety.internal.staffsafety.StaffSafety;
import org.exitwork.safety.internal.staffsafety.StaffSafetyTest;
import org.exitwork.safety.internal.staffsafety.alarm.EscalationJob;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.TestDatabase;
import org.exitwork.testing.TestSmtp;
import org.exitwork.testing.TestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R14 across restarts and nodes: pending steps live in the database, and each step is claimed once.
 * Whole application contexts ("nodes") share one database (H2 in memory in the first run, a
 * PostgreSQL schema in the second) and one master key; GreenMail catches the alarm e-mails.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
class EscalationNodesTest {

    private GreenMail mail;
    private Map<String, Object> database;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    private StaffPrincipal a;
    private StaffPrincipal b;
    private StaffPrincipal manager;
    private RegisteredClient client;
    private String place;
    private UUID appointment;
    private Instant due;

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup(TestSmtp.freePort(), "127.0.0.1", "smtp"));
        mail.start();
        database = TestDatabase.newDatabase();
    }

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        mail.stop();
    }

    private ConfigurableApplicationContext node() {
        List<String> args = new ArrayList<>();
        database.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--server.address=127.0.0.1");
        args.add("--spring.mail.host=127.0.0.1");
        args.add("--spring.mail.port=" + mail.getSmtp().getPort());
        args.add("--exitwork.safety.grace=15m");
        args.add("--exitwork.safety.escalation-intervals=10m,10m");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExitworkApplication.class, TestSupport.class)
                .profiles("test").run(args.toArray(String[]::new));
        nodes.add(context);
        return context;
    }


    /** A tandem, a manager, work e-mail for all three and an appointment of a with the shared client. */
    private void world(ConfigurableApplicationContext node) {
        Fixtures fixtures = node.getBean(Fixtures.class);
        StaffSafety safety = node.getBean(StaffSafety.class);
        var org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        client = fixtures.client(a, b, Fixtures.unique("Node Client "));
        for (StaffPrincipal p : List.of(a, b, manager)) {
            safety.saveWorkEmail(p, StaffSafetyTest.mailOf(p));
        }
        place = Fixtures.unique("Placemarker Birkenallee ");
        Instant now = clock(node).instant();
        appointment = safety.plan(a, new StaffSafety.NewAppointment(now.minus(Duration.ofHours(1)), now,
                PlaceKind.HOME_VISIT, place, client.id(), Set.of()));
        due = now.plus(Duration.ofMinutes(15));
    }

    private static MutableClock clock(ConfigurableApplicationContext node) {
        return node.getBean(MutableClock.class);
    }

    private static void at(Instant when, ConfigurableApplicationContext... on) {
        for (ConfigurableApplicationContext node : on) {
            MutableClock clock = clock(node);
            clock.advance(Duration.between(clock.instant(), when));
        }
    }

    private List<String> responders(ConfigurableApplicationContext node) {
        return node.getBean(JdbcClient.class).sql("SELECT r.staff_id || ':' || r.step FROM saf_alert_responder r "
                + "JOIN saf_alert a ON a.id = r.alert_id WHERE a.appointment_id = ?").param(appointment)
                .query(String.class).list();
    }

    private List<String> recipients() throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            to.add(m.getRecipients(Message.RecipientType.TO)[0].toString());
            String text = m.getSubject() + "\n" + GreenMailUtil.getBody(m);
            assertThat(text).doesNotContain(place).doesNotContain(client.pseudonym());
        }
        return to;
    }

    @Test
    void aRestartInTheMiddleNeitherLosesNorDoublesAStep() throws Exception {
        ConfigurableApplicationContext first = node();
        world(first);
        at(due, first);
        first.getBean(Escalation.class).runDue();
        assertThat(responders(first)).containsExactly(a.id() + ":1");
        first.close();

        ConfigurableApplicationContext second = node();
        at(due.plus(Duration.ofMinutes(5)), second);
        second.getBean(EscalationJob.class).run();
        assertThat(responders(second)).as("step 1 is not repeated after the restart").containsExactly(a.id() + ":1");

        at(due.plus(Duration.ofMinutes(10)), second);
        second.getBean(EscalationJob.class).run();
        second.getBean(EscalationJob.class).run();
        assertThat(responders(second)).as("step 2 is taken after the restart, once")
                .containsExactlyInAnyOrder(a.id() + ":1", b.id() + ":2", manager.id() + ":2");
        assertThat(recipients()).containsExactlyInAnyOrder(StaffSafetyTest.mailOf(a), StaffSafetyTest.mailOf(b),
                StaffSafetyTest.mailOf(manager));
    }

    @Test
    void twoNodesRunningTheJobAtOnceSendEachEmailExactlyOnce() throws Exception {
        ConfigurableApplicationContext one = node();
        ConfigurableApplicationContext two = node();
        world(one);
        for (Duration after : List.of(Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofMinutes(40))) {
            at(due.plus(after), one, two);
            // Both through the claims alone (no job lock), then both through the job lock.
            together(() -> one.getBean(Escalation.class).runDue(), () -> two.getBean(Escalation.class).runDue());
            together(() -> one.getBean(EscalationJob.class).run(), () -> two.getBean(EscalationJob.class).run());
        }
        assertThat(responders(one)).containsExactlyInAnyOrder(a.id() + ":1", b.id() + ":2", manager.id() + ":2");
        assertThat(recipients()).as("each escalation e-mail exactly once")
                .containsExactlyInAnyOrder(StaffSafetyTest.mailOf(a), StaffSafetyTest.mailOf(b),
                        StaffSafetyTest.mailOf(manager));
        assertThat(one.getBean(JdbcClient.class).sql("SELECT step FROM saf_alert WHERE appointment_id = ?")
                .param(appointment).query(Integer.class).single()).isEqualTo(3);
        assertThat(one.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM plf_shedlock WHERE name = 'saf_escalation'")
                .query(Integer.class).single()).as("the job took the ShedLock lock").isEqualTo(1);
    }

    private static void together(Runnable first, Runnable second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> x = CompletableFuture.runAsync(() -> await(start, first));
        CompletableFuture<Void> y = CompletableFuture.runAsync(() -> await(start, second));
        CompletableFuture.allOf(x, y).get(60, TimeUnit.SECONDS);
    }

    private static void await(CyclicBarrier barrier, Runnable then) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        then.run();
    }
}
