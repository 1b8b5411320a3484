package org.exitwork.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.internal.AuditLogAsMigrated;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One chain per organisation (issue 11, point 6): each has its own numbers, appends of different
 * organisations never wait for each other, and an organisation's DPO sees nothing from which the
 * volume of another organisation could be read.
 */
@DatabaseTest
@AutoConfigureMockMvc
@TestPropertySource(properties = {"exitwork.test.context=audit-log", "exitwork.audit.checkpoint-every-entries=0",
        "exitwork.audit.checkpoint-log=false"})
class OrganisationChainsTest {

    private static final Pattern SEQ_CELL = Pattern.compile("<td class=\"audit-seq\"[^>]*>([^<]*)</td>");

    @Autowired
    AuditLog log;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Value("${exitwork.audit.checkpoint-file}")
    Path checkpointFile;

    /** A fresh audit log for each test (this class's application is its own): no restart needed. */
    @BeforeEach
    void anAuditLogAsMigrated() throws Exception {
        AuditLogAsMigrated.restore(jdbc, checkpointFile);
    }

    @Test
    void interleavedOrganisationsEachHaveAChainOfTheirOwnAndTheDpoSeesOnlyTheirs() throws Exception {
        Fixtures.Organisation a = fixtures.organisation();
        StaffPrincipal dpoA = fixtures.staff(a, Role.DATA_PROTECTION_OFFICER);
        Fixtures.Organisation b = fixtures.organisation();
        for (int i = 0; i < 60; i++) {
            if (i % 20 == 0) {
                log.record(new AuditEvent(a.id(), null, "anna", "CASE_READ", "Kaveli Tomura", "a" + i));
            }
            log.record(new AuditEvent(b.id(), null, "bert", "CASE_READ", "Mora Lenti", "b" + i));
            if (i % 30 == 0) {
                log.record(new AuditEvent(null, null, "someone", "SIGN_IN_FAILED", null, null));
            }
        }
        long lengthA = chainLength(a.id());
        long lengthB = chainLength(b.id());
        assertThat(lengthB).as("B's volume").isGreaterThan(60);
        assertThat(lengthA).as("A's volume").isLessThan(20);

        ChainVerification all = verifier.verify();
        assertThat(all.findings()).isEmpty();
        assertThat(all.entriesPerOrganisation()).containsEntry(a.id(), lengthA).containsEntry(b.id(), lengthB);
        assertThat(log.recent(a.id(), 500)).extracting(AuditEntry::seq)
                .containsExactlyElementsOf(descending(lengthA));

        // The DPO's page: A's own numbers, newest first, and nothing else.
        StaffRequests requests = new StaffRequests(mvc);
        String page = requests.page("/audit", dpoA);
        assertThat(seqCells(page)).containsExactlyElementsOf(descending(lengthA).stream().map(String::valueOf).toList());
        assertThat(page).doesNotContain("Mora Lenti", "bert");

        // Verifying checks everything but reports A's count only.
        String body = verifiedAs(requests, dpoA);
        assertThat(body).contains("The audit log is intact (" + lengthA + " entries of your organisation verified");
        assertThat(notice(body, "notice")).as("only A's own count")
                .isEqualTo("The audit log is intact (" + lengthA + " entries of your organisation verified with the audit key, "
                        + "every checkpoint checked).");
    }

    @Test
    void aBrokenChainOfAnotherOrganisationIsNamedToTheDpoWithoutItsNumbers() throws Exception {
        Fixtures.Organisation a = fixtures.organisation();
        StaffPrincipal dpoA = fixtures.staff(a, Role.DATA_PROTECTION_OFFICER);
        UUID b = UUID.randomUUID();
        for (int i = 0; i < 77; i++) {
            log.record(new AuditEvent(b, null, "bert", "CASE_READ", "Mora Lenti", "b" + i));
        }
        if (TestDatabase.postgres()) {
            jdbc.sql("DROP TRIGGER aud_entry_append_only ON aud_entry").update();
        } else {
            jdbc.sql("DROP TRIGGER aud_entry_append_only").update();
        }
        jdbc.sql("UPDATE aud_entry SET detail = 'x' WHERE chain = ? AND seq = 71").param(b.toString()).update();

        assertThat(verifier.verify().findings()).extracting(ChainVerification.Finding::seq).containsExactly(71L);
        String body = verifiedAs(new StaffRequests(mvc), dpoA);
        String alert = notice(body, "problem").replace("&#39;", "'");
        assertThat(alert).contains("Something outside your organisation's own log does not verify.")
                .as("no number at all").doesNotContainPattern("[0-9]");
        assertThat(body).doesNotContain(b.toString(), "Mora Lenti");
    }

    @Test
    void appendsOfDifferentOrganisationsNeverWaitForEachOther() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        log.record(new AuditEvent(a, null, "anna", "CASE_READ", "x", null));
        log.record(new AuditEvent(b, null, "bert", "CASE_READ", "y", null));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // A transaction of organisation A appends and stays open, holding A's head.
            Future<?> holder = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                log.record(new AuditEvent(a, null, "anna", "CASE_READ", "x", "held"));
                holding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();
            // Meanwhile organisation B and the installation append and commit at once.
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                log.record(new AuditEvent(b, null, "bert", "CASE_READ", "y", "not waiting"));
                log.record(new AuditEvent(null, null, "someone", "SIGN_IN_FAILED", null, "not waiting"));
            });
            release.countDown();
            holder.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(chainLength(a)).isEqualTo(2);
        assertThat(chainLength(b)).isEqualTo(2);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    /** The text of the page's notice or problem box. */
    /**
     * The DPO presses the button: the verification starts in the background and its page follows it;
     * the page is read until the verification has finished, and then the audit log links to the result.
     */
    private static String verifiedAs(StaffRequests requests, StaffPrincipal dpo) throws Exception {
        MockHttpServletResponse started = requests.perform(post("/audit/verify"), dpo);
        assertThat(started.getStatus()).isEqualTo(302);
        String job = started.getRedirectedUrl();
        assertThat(job).matches("/audit/verifications/[0-9a-f-]{36}");
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        String body = requests.page(job, dpo);
        while (body.contains("hx-trigger=\"every 2s\"")) {
            assertThat(System.nanoTime()).as("the verification finishes within a minute").isLessThan(until);
            Thread.sleep(50);
            body = requests.page(job, dpo);
        }
        assertThat(body).doesNotContain("<progress");
        assertThat(requests.page("/audit", dpo)).contains("href=\"" + job + "\"");
        return body;
    }

    private static String notice(String html, String cssClass) {
        Matcher m = Pattern.compile("<(p|div) class=\"" + cssClass + "\" role=\"(status|alert)\">(.*?)</\\1>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as(cssClass + " box on the page").isTrue();
        return m.group(3).trim();
    }

    private long chainLength(UUID organisation) {
        return jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE chain = ?").param(organisation.toString())
                .query(Long.class).single();
    }

    private static List<Long> descending(long length) {
        List<Long> seqs = new ArrayList<>();
        for (long s = length; s >= 1; s--) {
            seqs.add(s);
        }
        return seqs;
    }

    private static List<String> seqCells(String html) {
        List<String> cells = new ArrayList<>();
        Matcher m = SEQ_CELL.matcher(html);
        while (m.find()) {
            cells.add(m.group(1).trim());
        }
        return cells;
    }
}
