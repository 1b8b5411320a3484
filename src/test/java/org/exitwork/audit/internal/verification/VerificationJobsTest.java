package org.exitwork.audit.internal.verification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.ChainVerification.Finding;
import org.exitwork.audit.ChainVerification.Kind;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The DPO's verification as a background job: its page shows the progress while it runs (the panel
 * alone for htmx, which asks again every two seconds), one job per organisation at a time, an
 * interrupted job can be started again, and no other organisation finds the job.
 */
@DatabaseTest
@AutoConfigureMockMvc
class VerificationJobsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void aRunningVerificationShowsHowFarItGotAndIsNotStartedTwice() throws Exception {
        StaffPrincipal dpo = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        UUID running = job(dpo, clock.instant(), 5_000, 20_000);

        String page = mvc.perform(get("/audit/verifications/{id}", running).with(as(dpo)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<h1>Verifying the audit log</h1>")
                .contains("Read 5,000 of about 20,000 entries of the installation.")
                .contains("<progress max=\"100\" value=\"25\"")
                .contains("hx-get=\"/audit/verifications/" + running + "\"").contains("hx-trigger=\"every 2s\"");
        String panel = mvc.perform(get("/audit/verifications/{id}", running).with(as(dpo)).header("HX-Request", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(panel).startsWith("<div id=\"verification\"").doesNotContain("<h1>").contains("value=\"25\"");

        assertThat(mvc.perform(post("/audit/verify").with(as(dpo)).with(csrf())).andReturn().getResponse()
                .getRedirectedUrl()).as("the running job, not a second one").isEqualTo("/audit/verifications/" + running);
        assertThat(jobsOf(dpo)).isEqualTo(1);
    }

    @Test
    void aVerificationWhoseNodeStoppedIsInterruptedAndCanBeStartedAgain() throws Exception {
        StaffPrincipal dpo = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        UUID stale = job(dpo, clock.instant().minus(VerificationJobs.STALE).minusSeconds(1), 5_000, 20_000);
        String page = mvc.perform(get("/audit/verifications/{id}", stale).with(as(dpo)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("The verification was interrupted (the server stopped while it ran).")
                .contains("action=\"/audit/verify\"").doesNotContain("<progress").doesNotContain("hx-trigger");

        String again = mvc.perform(post("/audit/verify").with(as(dpo)).with(csrf())).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(again).startsWith("/audit/verifications/").isNotEqualTo("/audit/verifications/" + stale);
        assertThat(jobsOf(dpo)).isEqualTo(2);
    }

    @Test
    void noOtherOrganisationFindsTheJob() throws Exception {
        StaffPrincipal dpo = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        StaffPrincipal otherDpo = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        UUID job = job(dpo, clock.instant(), 1, 2);
        assertThat(mvc.perform(get("/audit/verifications/{id}", job).with(as(otherDpo))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/audit/verifications/{id}", UUID.randomUUID()).with(as(dpo))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/audit/verifications/not-an-id").with(as(dpo))).andReturn().getResponse()
                .getStatus()).isEqualTo(400);
    }

    @Test
    void theOfficerChoosesFromTheCheckpointOrEveryEntryAndThePageSaysWhichRan() throws Exception {
        StaffPrincipal dpo = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        String log = mvc.perform(get("/audit").with(as(dpo))).andReturn().getResponse().getContentAsString();
        assertThat(log).contains("<legend>How much to verify</legend>")
                .contains("<input type=\"radio\" name=\"extent\" value=\"FROM_CHECKPOINT\" checked=\"checked\">")
                .contains("<input type=\"radio\" name=\"extent\" value=\"FULL\">");

        String full = mvc.perform(post("/audit/verify").param("extent", "FULL").with(as(dpo)).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();
        UUID fullJob = UUID.fromString(full.substring("/audit/verifications/".length()));
        assertThat(jdbc.sql("SELECT full_run FROM aud_verification WHERE id = ?").param(fullJob).query(Boolean.class)
                .single()).isTrue();

        StaffPrincipal other = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        assertThat(mvc.perform(post("/audit/verify").param("extent", "EVERYTHING").with(as(other)).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(jobsOf(other)).as("nothing started").isZero();
        String quick = mvc.perform(post("/audit/verify").with(as(other)).with(csrf())).andReturn().getResponse()
                .getRedirectedUrl();
        UUID quickJob = UUID.fromString(quick.substring("/audit/verifications/".length()));
        assertThat(jdbc.sql("SELECT full_run FROM aud_verification WHERE id = ?").param(quickJob).query(Boolean.class)
                .single()).as("from the checkpoint unless asked").isFalse();

        StaffPrincipal third = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        UUID done = job(third, clock.instant(), 40, 40);
        jdbc.sql("UPDATE aud_verification SET outcome = 'INTACT', own_checked = 3, findings = '', full_run = FALSE,"
                + " from_checkpoint = 7 WHERE id = ?").param(done).update();
        assertThat(mvc.perform(get("/audit/verifications/{id}", done).with(as(third))).andReturn().getResponse()
                .getContentAsString()).contains("Verified from signed checkpoint 7 on: every checkpoint&#39;s signature "
                        + "checked, then the entries written after it.");
        jdbc.sql("UPDATE aud_verification SET full_run = TRUE, from_checkpoint = NULL WHERE id = ?").param(done).update();
        assertThat(mvc.perform(get("/audit/verifications/{id}", done).with(as(third))).andReturn().getResponse()
                .getContentAsString()).contains("Every entry was read, from the first.");
    }

    @Test
    void findingsAreKeptAsTheirKindAndNumbersOnly() {
        List<Finding> findings = List.of(
                new Finding(UUID.randomUUID(), "organisation x", 71L, null, null, Kind.NOT_AUTHENTIC, "entry 71 ..."),
                new Finding(null, "elsewhere", null, null, null, Kind.ELSEWHERE, "something elsewhere"),
                new Finding(null, "checkpoints", 3L, 9L, 4L, Kind.TAIL_CUT, "cut"));
        String kept = VerificationJobs.encode(findings);
        assertThat(kept).isEqualTo("NOT_AUTHENTIC;71;;\nELSEWHERE;;;\nTAIL_CUT;3;9;4\n");
        assertThat(VerificationJobs.decode(kept)).extracting(Finding::kind, Finding::seq, Finding::other, Finding::checkpoint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.NOT_AUTHENTIC, 71L, null, null),
                        org.assertj.core.groups.Tuple.tuple(Kind.ELSEWHERE, null, null, null),
                        org.assertj.core.groups.Tuple.tuple(Kind.TAIL_CUT, 3L, 9L, 4L));
    }

    @Test
    void theBarShowsNinetyNinePercentAtMostUntilTheEnd() {
        assertThat(new VerificationJobs.Job(UUID.randomUUID(), Instant.EPOCH, VerificationJobs.Status.RUNNING, 120, 100,
                null).percent()).isEqualTo(99);
        assertThat(new VerificationJobs.Job(UUID.randomUUID(), Instant.EPOCH, VerificationJobs.Status.RUNNING, 0, 0,
                null).percent()).isZero();
        assertThat(new VerificationJobs.Job(UUID.randomUUID(), Instant.EPOCH, VerificationJobs.Status.INTACT, 10, 100,
                null).percent()).isEqualTo(100);
    }

    private UUID job(StaffPrincipal dpo, Instant heartbeat, long checked, long expected) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO aud_verification (id, org_id, requested_by, requested_at, heartbeat_at, expected, checked)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, dpo.organisationId(), dpo.id(), Timestamp.from(heartbeat.minus(Duration.ofSeconds(1))),
                        Timestamp.from(heartbeat), expected, checked)
                .update();
        return id;
    }

    private long jobsOf(StaffPrincipal dpo) {
        return jdbc.sql("SELECT COUNT(*) FROM aud_verification WHERE org_id = ?").param(dpo.organisationId())
                .query(Long.class).single();
    }
}
