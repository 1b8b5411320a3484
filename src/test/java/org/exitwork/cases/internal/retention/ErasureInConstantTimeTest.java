package org.exitwork.cases.internal.retention;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.Erasure;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.UnreadableException;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import db.migration.cases.V1_58_1__Detach_purged_rows_from_the_client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Erasure in constant time (issue 19, R20): the request shreds the key and removes the client from every
 * reader at once, and queues the rows that grow with the work; the purge job deletes them in batches,
 * goes on after a crash or a restart, and leaves no trace.
 */
@DatabaseTest
@AutoConfigureMockMvc
class ErasureInConstantTimeTest {

    static final String NOTE = "Purgemarker-note about Quibbleton";
    static final String PERSON = "Purgemarker Personname";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseWork cases;

    @Autowired
    Erasure erasure;

    @Autowired
    ErasurePurge purge;

    @Autowired
    ErasureRepository rows;

    @Autowired
    ClientKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    java.time.Clock clock;

    @Autowired
    LockingTaskExecutor locks;

    @Autowired
    ExtensibleLockProvider lockProvider;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;

    @BeforeEach
    void staff() {
        erasure.purgeErased();
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
    }

    /** A client with {@code notes} notes, a full session with a theme and a correction, and a context person. */
    RegisteredClient clientWithRecord(String name, int notes) throws Exception {
        RegisteredClient client = fixtures.client(a, b, name);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < notes; i++) {
                cases.writeNote(a, client.id(), LocalDate.now().minusDays(notes - i), NOTE + " " + i);
            }
        });
        String sessions = "/cases/" + client.id() + "/sessions";
        String meeting = java.time.LocalDateTime.now().plusDays(3).withHour(10).truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .toString();
        mvc.perform(post(sessions).with(as(a)).with(csrf()).param("sessionDate", LocalDate.now().toString())
                .param("setting", "ONE_ON_ONE").param("clientPresent", "true").param("staff", a.id().toString())
                .param("themes", "ANGER").param("text", NOTE + " full session").param("nextMeeting", meeting)
                .param("nextMeetingMinutes", "90").param("nextMeetingPlace", "OFFICE"))
                .andExpect(status().is3xxRedirection());
        UUID session = jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ? AND session_date = ?")
                .params(client.id(), java.sql.Date.valueOf(LocalDate.now())).query(UUID.class).single();
        mvc.perform(post(sessions + "/" + session + "/correct").with(as(a)).with(csrf()).param("basedOn", "1")
                .param("reason", "Typo").param("sessionDate", LocalDate.now().toString()).param("setting", "ONE_ON_ONE")
                .param("clientPresent", "true").param("staff", a.id().toString()).param("themes", "ANGER")
                .param("text", NOTE + " corrected").param("nextMeeting", meeting).param("nextMeetingMinutes", "90")
                .param("nextMeetingPlace", "OFFICE")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/cases/{id}/context/persons", client.id()).with(as(a)).with(csrf()).param("relation", "FRIEND")
                .param("name", PERSON).param("note", "knows the family")).andExpect(status().is3xxRedirection());
        return client;
    }

    long count(String table, UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client).query(Long.class).single();
    }

    void erase(RegisteredClient client) throws Exception {
        mvc.perform(post("/cases/{id}/ending/clients-choice", client.id()).with(as(a)).with(csrf())
                .param("endedOn", LocalDate.now().toString()).param("eraseNow", "true"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void rightAfterTheRequestNothingOfTheClientIsReadableAndWhatIsLeftIsCiphertextUnderADestroyedKey() throws Exception {
        RegisteredClient client = clientWithRecord("Zorbalina Purgeperson", 30);
        assertThat(count("cas_session_version", client.id())).isEqualTo(1);
        assertThat(count("cas_month_count", client.id())).isPositive();
        assertThat(count("saf_appointment_from_session", client.id())).as("the next meeting's appointment").isEqualTo(1);

        erase(client);

        // The key is gone, and with the client's row the case is gone for every reader at once.
        assertThatThrownBy(() -> keys.cipherFor(client.id())).isInstanceOf(UnreadableException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(client.id()).query(Long.class).single())
                .isZero();
        for (String page : List.of("", "/sessions", "/sessions/new", "/sessions/steps", "/intake", "/identity", "/context", "/agreement", "/ending",
                "/tandem", "/client-report", "/shares", "/danger-alerts", "/service-requests")) {
            for (StaffPrincipal who : List.of(a, b)) {
                mvc.perform(get("/cases/" + client.id() + page).with(as(who))).andExpect(status().isNotFound());
            }
        }
        mvc.perform(get("/cases").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(client.pseudonym()))));
        mvc.perform(get("/cases/search").param("q", "Quibbleton").with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(client.pseudonym()))))
                .andExpect(content().string(not(containsString("Purgemarker"))));
        assertThatThrownBy(() -> cases.writeNote(a, client.id(), LocalDate.now(), "too late"))
                .isInstanceOf(org.exitwork.platform.NotFoundException.class);

        // What the purge has yet to delete: the sessions, their version, the counts and the context person,
        // with no word of them in plain text (the key that would open them is destroyed), and the queue entry.
        assertThat(count("cas_session_note", client.id())).isEqualTo(31);
        assertThat(count("cas_session_version", client.id())).isEqualTo(1);
        assertThat(count("cas_context_person", client.id())).isEqualTo(1);
        assertThat(count("saf_appointment_from_session", client.id())).as("handed to the purge by safety").isEqualTo(1);
        assertThat(DatabaseScan.find(dataSource, List.of("Purgemarker", "Quibbleton", "Zorbalina", "Purgeperson",
                "knows the family"))).isEmpty();
        assertThat(jdbc.sql("SELECT org_id FROM cas_erasure_purge WHERE client_id = ?").param(client.id())
                .query(UUID.class).single()).isEqualTo(org.id());

        assertThat(erasure.purgeErased()).isEqualTo(1);

        for (String table : V1_58_1__Detach_purged_rows_from_the_client.DETACHED) {
            assertThat(count(table, client.id())).as(table).isZero();
        }
        assertThat(count("saf_appointment_from_session", client.id())).isZero();
        assertThat(purge.waiting()).isZero();
        // (The staff member's HTTP session, spring_session_*, is the web layer's: a notice not yet shown (this
        // test follows no redirect) keeps the path it was meant for, which names the case, until it is shown
        // or expires after minutes.)
        assertThat(DatabaseScan.find(dataSource, List.of(client.id().toString(), "Purgemarker", "Zorbalina")))
                .filteredOn(hit -> !hit.startsWith("spring_session")).isEmpty();
    }

    @Test
    void thePurgeGoesOnAfterACrashMidBatchAndAfterARestartAndIsIdempotent() throws Exception {
        RegisteredClient client = clientWithRecord("Crashina Purgeperson", ErasurePurge.BATCH + 200);
        erase(client);
        assertThat(count("cas_session_note", client.id())).isEqualTo(ErasurePurge.BATCH + 201);

        // A crash in the middle of a batch: its deletions roll back, nothing is half done, the entry stays.
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            rows.purgeBatch(client.id(), ErasurePurge.BATCH);
            throw new IllegalStateException("the node died");
        })).hasMessage("the node died");
        assertThat(count("cas_session_note", client.id())).isEqualTo(ErasurePurge.BATCH + 201);

        // A run stopped after one batch (its lock ran out, the node restarted): the entry is still queued.
        assertThat(purge.purge(1)).isZero();
        assertThat(count("cas_session_note", client.id())).isEqualTo(201);
        assertThat(purge.waiting()).isEqualTo(1);

        // The next run, on this node or another, goes on from the database alone and finishes.
        assertThat(purge.purge(ErasurePurgeJob.BATCHES_PER_RUN)).isEqualTo(1);
        for (String table : V1_58_1__Detach_purged_rows_from_the_client.DETACHED) {
            assertThat(count(table, client.id())).as(table).isZero();
        }
        assertThat(purge.waiting()).isZero();
        // Once more: nothing to do, nothing fails.
        assertThat(purge.purge(ErasurePurgeJob.BATCHES_PER_RUN)).isZero();
        Integer again = tx.execute(s -> rows.purgeBatch(client.id(), ErasurePurge.BATCH));
        assertThat(again).isZero();
    }

    @Test
    void theJobPurgesUnderTheClusterWideJobLockSoThatOneNodeAtATimeDeletes() throws Exception {
        RegisteredClient client = clientWithRecord("Lockina Purgeperson", 5);
        erase(client);
        ErasurePurgeJob job = new ErasurePurgeJob(purge, clock, locks);

        // Another node is purging (it holds the lock): this node's run leaves everything to it.
        Optional<SimpleLock> otherNode = lockProvider.lock(new LockConfiguration(clock.instant(), "cas_erasure_purge",
                Duration.ofMinutes(1), Duration.ZERO));
        assertThat(otherNode).isPresent();
        job.run();
        assertThat(count("cas_session_note", client.id())).isEqualTo(6);
        assertThat(purge.waiting()).isEqualTo(1);

        // Its run is over: the next run here takes the lock and finishes.
        otherNode.get().unlock();
        job.run();
        assertThat(count("cas_session_note", client.id())).isZero();
        assertThat(purge.waiting()).isZero();
    }

    /**
     * The README: the rows "are deleted in the background within about a minute". As shipped, a purge run
     * starts 30 seconds after the start and 30 seconds after the last one ended, and one run (the test above)
     * empties a whole record: up to 2,000 batches of 500 rows per table.
     */
    @Test
    void asShippedAPurgeRunStartsWithinThirtySecondsOfAnErasureAndTakesAWholeRecord() throws Exception {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        assertThat(shipped.getProperty("exitwork.cases.erasure-purge.every")).isEqualTo("PT30S");
        assertThat(shipped.getProperty("exitwork.cases.erasure-purge.initial-delay")).isEqualTo("PT30S");
        assertThat(shipped.getProperty("exitwork.cases.erasure-purge.enabled")).as("on unless switched off").isNull();
        org.springframework.scheduling.annotation.Scheduled schedule = ErasurePurgeJob.class.getDeclaredMethod("run")
                .getAnnotation(org.springframework.scheduling.annotation.Scheduled.class);
        assertThat(schedule.fixedDelayString()).isEqualTo("${exitwork.cases.erasure-purge.every:PT30S}");
        assertThat(schedule.initialDelayString()).isEqualTo("${exitwork.cases.erasure-purge.initial-delay:PT30S}");
        assertThat((long) ErasurePurgeJob.BATCHES_PER_RUN * ErasurePurge.BATCH).isEqualTo(1_000_000L);
    }

    @Test
    void theTablesThePurgeEmptiesHaveNoForeignKeyToTheClientAndTheOthersStillHaveOne() throws Exception {
        try (var c = dataSource.getConnection()) {
            for (String table : V1_58_1__Detach_purged_rows_from_the_client.DETACHED) {
                assertThat(V1_58_1__Detach_purged_rows_from_the_client.foreignKeysToClient(c, table)).as(table).isEmpty();
            }
            for (String table : List.of("cas_identity", "cas_tandem_member", "cas_access_grant", "cas_contact",
                    "cas_agreement_version")) {
                assertThat(V1_58_1__Detach_purged_rows_from_the_client.foreignKeysToClient(c, table)).as(table)
                        .hasSize(1);
            }
        }
        // Every detached table is one the purge empties.
        assertThat(ErasureRepository.PURGED).extracting(t -> t[0])
                .containsExactlyInAnyOrderElementsOf(V1_58_1__Detach_purged_rows_from_the_client.DETACHED);
    }
}
