package org.exitwork.audit.internal;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: entries commit with their change into {@code aud_pending}, without a lock, and the chain
 * writer links them. Nothing may be lost, repeated or reordered on the way, whoever links (a request's
 * end, a commit, the schedule, two nodes at once), and a transaction that is still open must not hold
 * up another one of the same organisation.
 */
@DatabaseTest
@AutoConfigureMockMvc // not used here: it makes this class share AuditChainTest's application
@TestPropertySource(properties = {"exitwork.test.context=audit-log", "exitwork.audit.checkpoint-every-entries=0",
        "exitwork.audit.checkpoint-log=false"})
class ChainWriterTest {

    @Autowired
    AuditLog log;

    @Autowired
    ChainWriter writer;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditKeys keys;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    AuditSettings settings;

    @Value("${exitwork.audit.checkpoint-file}")
    Path checkpointFile;

    final UUID org = UUID.randomUUID();
    final String chain = org.toString();
    final List<ChainWriter> otherNodes = new ArrayList<>();

    @BeforeEach
    void freshLog() throws Exception {
        AuditLogAsMigrated.restore(jdbc, checkpointFile);
    }

    @AfterEach
    void stopOtherNodes() {
        otherNodes.forEach(ChainWriter::atShutdown);
    }

    private AuditEvent event(String detail) {
        return new AuditEvent(org, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", detail);
    }

    private long waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM aud_pending WHERE chain = ?").param(chain).query(Long.class).single();
    }

    /** The chain's details in the chain's order. */
    private List<String> linked() {
        return jdbc.sql("SELECT detail FROM aud_entry WHERE chain = ? ORDER BY seq").param(chain).query(String.class)
                .list();
    }

    /** A waiting entry as the application writes it (id and tag with the audit key), written straight into the table. */
    private void waitingEntry(Instant at, String detail) {
        UUID id = UUID.randomUUID();
        org.exitwork.audit.AuditEntry entry = new org.exitwork.audit.AuditEntry(0, at, org, null, "anna", "CASE_READ",
                "Kaveli Tomura", detail);
        jdbc.sql("INSERT INTO aud_pending (entry_id, tag, chain, occurred_at, org_id, actor_id, actor_name, action,"
                        + " subject, detail) VALUES (?, ?, ?, ?, ?, NULL, 'anna', 'CASE_READ', 'Kaveli Tomura', ?)")
                .params(id, EntryMac.waiting(keys.mac(), chain, id, entry), chain, Timestamp.from(at), org, detail)
                .update();
    }

    private long head() {
        return jdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = ?").param(chain).query(Long.class).single();
    }

    @Test
    void anEntryCommitsWithItsChangeOrNotAtAllAndIsLinkedRightAfterTheCommit() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            log.record(event("rolled back"));
            assertThat(waiting()).as("written in the caller's transaction").isOne();
            status.setRollbackOnly();
        });
        assertThat(waiting()).isZero();
        assertThat(linked()).isEmpty();

        tx.executeWithoutResult(status -> {
            log.record(event("one"));
            log.record(event("two"));
            assertThat(linked()).as("not linked before the commit").isEmpty();
        });
        assertThat(waiting()).isZero();
        assertThat(linked()).containsExactly("one", "two");
        assertThat(head()).isEqualTo(2);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aWebRequestLinksWhatItsTransactionsCommittedOnceAtItsEnd() {
        assertThat(writer.requestBegins()).isTrue();
        try {
            assertThat(writer.requestBegins()).as("a forward inside the request").isFalse();
            log.record(event("first call"));
            log.record(event("second call"));
            log.record(event("third call"));
            assertThat(waiting()).isEqualTo(3);
            assertThat(linked()).isEmpty();
        } finally {
            writer.requestEnded();
        }
        assertThat(waiting()).isZero();
        assertThat(linked()).containsExactly("first call", "second call", "third call");
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aReadOfTheLogShowsWhatTheSameRequestCommittedBefore() {
        writer.requestBegins();
        try {
            log.record(event("seen by the same page"));
            assertThat(log.about(org, "Kaveli Tomura")).extracting(e -> e.detail()).containsExactly("seen by the same page");
        } finally {
            writer.requestEnded();
        }
        assertThat(linked()).containsExactly("seen by the same page");
    }

    @Test
    void aNameInAnEntryNotYetLinkedIsTakenAlready() {
        writer.requestBegins();
        try {
            log.record(new AuditEvent(org, null, "anna", "CLIENT_ERASED", "Rilo Amsel", null));
            assertThat(waiting()).isOne();
            assertThat(log.mentions(org, "Rilo Amsel")).isTrue();
            assertThat(log.mentions(org, "Rilo Amsell")).isFalse();
        } finally {
            writer.requestEnded();
        }
        assertThat(log.mentions(org, "Rilo Amsel")).isTrue();
    }

    @Test
    void entriesAStoppedNodeLeftWaitingAreLinkedInTheOrderTheyWereWritten() {
        Instant at = Instant.parse("2026-12-03T08:00:00Z");
        for (int i = 0; i < ChainWriter.BATCH * 2 + 7; i++) {
            waitingEntry(at.plusMillis(i), "left " + i);
        }
        writer.linkEverythingWaiting();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ChainWriter.BATCH * 2 + 7; i++) {
            expected.add("left " + i);
        }
        assertThat(linked()).containsExactlyElementsOf(expected);
        assertThat(waiting()).isZero();
        assertThat(head()).isEqualTo(ChainWriter.BATCH * 2 + 7);
        assertThat(jdbc.sql("SELECT occurred_at FROM aud_entry WHERE chain = ? AND seq = 3").param(chain)
                .query(java.time.OffsetDateTime.class).single().toInstant()).isEqualTo(at.plusMillis(2));
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void anOpenTransactionDoesNotHoldUpAnotherOfTheSameOrganisation() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> slow = other.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                log.record(event("slow page"));
                written.countDown();
                await(release);
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            // Before, the slow page held its chain's head until it committed: this append waited for it.
            log.record(event("quick page"));
            assertThat(linked()).containsExactly("quick page");
            release.countDown();
            slow.get(10, TimeUnit.SECONDS);
            assertThat(linked()).containsExactly("quick page", "slow page");
            assertThat(verifier.verify().findings()).isEmpty();
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void twoNodesLinkingOneChainAtOnceLoseNothingAndRepeatNothing() throws Exception {
        ChainWriter secondNode = new ChainWriter(dataSource, keys, Clock.systemUTC(), checkpoints, settings);
        otherNodes.add(secondNode);
        int writers = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int n = w;
                // Half the users are served by this node (each page linked at its end), half write as if on
                // another node, whose writer links them; both writers also link on schedule meanwhile.
                done.add(pool.submit(() -> {
                    for (int k = 0; k < each; k++) {
                        int i = k;
                        if (n % 2 == 0) {
                            writer.requestBegins();
                            try {
                                log.record(event("w" + n + "-" + i));
                            } finally {
                                writer.requestEnded();
                            }
                        } else {
                            new TransactionTemplate(transactions).executeWithoutResult(status -> waitingEntry(
                                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), "w" + n + "-" + i));
                            secondNode.link(chain);
                        }
                    }
                }));
            }
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    secondNode.linkEverythingWaiting();
                    writer.linkEverythingWaiting();
                }
            }));
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        writer.linkEverythingWaiting();
        List<String> details = linked();
        assertThat(details).hasSize(writers * each).doesNotHaveDuplicates();
        for (int w = 0; w < writers; w++) {
            int n = w;
            // Each user's own entries in the order that user wrote them.
            List<String> own = details.stream().filter(d -> d.startsWith("w" + n + "-")).toList();
            assertThat(own).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(own.get(i)).isEqualTo("w" + n + "-" + i);
            }
        }
        assertThat(waiting()).isZero();
        assertThat(head()).isEqualTo(writers * each);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    /** Someone with a database login but not the audit key writes a waiting entry: it is not linked, and the chain says so. */
    @Test
    void aWaitingEntryForgedWithoutTheKeyIsRefusedAndTheRefusalIsInTheChain() {
        byte[] guessed = new byte[32];
        new java.security.SecureRandom().nextBytes(guessed);
        jdbc.sql("INSERT INTO aud_pending (entry_id, tag, chain, occurred_at, org_id, actor_name, action, subject, detail)"
                        + " VALUES (?, ?, ?, ?, ?, 'bert', 'CASE_READ', 'Kaveli Tomura', 'framed')")
                .params(UUID.randomUUID(), java.util.HexFormat.of().formatHex(guessed), chain,
                        Timestamp.from(Instant.parse("2026-12-01T10:00:00Z")), org)
                .update();
        writer.linkEverythingWaiting();
        assertThat(waiting()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE detail = 'framed'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT action || ' / ' || detail FROM aud_entry WHERE chain = ?").param(chain)
                .query(String.class).single())
                .isEqualTo("AUDIT_WAITING_ENTRY_REFUSED / a waiting entry does not carry this installation's tag; it"
                        + " claimed: CASE_READ by bert about Kaveli Tomura at 2026-12-01T10:00:00Z");
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aWaitingEntryChangedBeforeItIsLinkedIsRefused() {
        writer.requestBegins();
        try {
            log.record(event("what happened"));
            jdbc.sql("UPDATE aud_pending SET detail = 'what did not happen' WHERE chain = ?").param(chain).update();
        } finally {
            writer.requestEnded();
        }
        assertThat(jdbc.sql("SELECT action FROM aud_entry WHERE chain = ?").param(chain).query(String.class).list())
                .containsExactly("AUDIT_WAITING_ENTRY_REFUSED");
        assertThat(linked()).singleElement().asString().startsWith("a waiting entry does not carry this installation's tag");
    }

    @Test
    void aLinkedEntryOfferedAgainIsRefused() {
        KeptWaitingEntry copy = KeptWaitingEntry.recordAndKeep(writer, log, event("read once"), jdbc);
        assertThat(linked()).containsExactly("read once");
        copy.offerAgain(jdbc);
        writer.linkEverythingWaiting();
        assertThat(jdbc.sql("SELECT action FROM aud_entry WHERE chain = ? ORDER BY seq").param(chain).query(String.class)
                .list()).containsExactly("CASE_READ", "AUDIT_WAITING_ENTRY_REFUSED");
        assertThat(linked().get(1)).startsWith("a waiting entry was linked before and was offered again");
        assertThat(verifier.verify().findings()).isEmpty();
    }

    /** This node's writer thread, as the application runs it by default (the test profile waits for the link). */
    private JdbcAuditLog inTheBackground(ChainWriter[] writerOut) {
        AuditSettings background = new AuditSettings(settings.keyFile(), settings.checkpointFile(), 0, false, 2, false);
        ChainWriter node = new ChainWriter(dataSource, keys, Clock.systemUTC(), checkpoints, background);
        otherNodes.add(node);
        writerOut[0] = node;
        return new JdbcAuditLog(jdbc, Clock.systemUTC(), transactions, node, keys);
    }

    @Test
    void inTheBackgroundTheWriterThreadLinksEveryCommitAndAReadWaitsForIt() throws Exception {
        ChainWriter[] node = new ChainWriter[1];
        JdbcAuditLog background = inTheBackground(node);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int n = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        int k = i;
                        new TransactionTemplate(transactions).executeWithoutResult(
                                status -> background.record(event("b" + n + "-" + k)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // Nobody linked: the read waits for the writer thread, which links everything committed before it.
        assertThat(background.recent(org, 500)).hasSize(200);
        assertThat(waiting()).isZero();
        assertThat(linked()).hasSize(200).doesNotHaveDuplicates();
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void inTheBackgroundACommitDoesNotWaitForTheChain() throws Exception {
        ChainWriter[] node = new ChainWriter[1];
        JdbcAuditLog background = inTheBackground(node);
        new TransactionTemplate(transactions).executeWithoutResult(status -> background.record(event("before")));
        assertThat(background.recent(org, 10)).hasSize(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            // Someone holds the chain's head (as a slow writer of another node would).
            Future<?> lock = holder.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = ? FOR UPDATE").param(chain).query(Long.class).single();
                held.countDown();
                await(release);
            }));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            ExecutorService page = Executors.newSingleThreadExecutor();
            try {
                Future<?> commit = page.submit(() -> new TransactionTemplate(transactions)
                        .executeWithoutResult(status -> background.record(event("while the head is held"))));
                commit.get(5, TimeUnit.SECONDS);
            } finally {
                page.shutdownNow();
            }
            assertThat(waiting()).as("committed, waiting to be linked").isOne();
            release.countDown();
            lock.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            holder.shutdownNow();
        }
        // Linked once the head is free: by the writer thread, or by the schedule if its turn timed out.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiting() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(linked()).containsExactly("before", "while the head is held");
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void inTheBackgroundTheShutdownLinksWhatWasHandedOver() {
        ChainWriter[] node = new ChainWriter[1];
        JdbcAuditLog background = inTheBackground(node);
        for (int i = 0; i < 30; i++) {
            int k = i;
            new TransactionTemplate(transactions).executeWithoutResult(status -> background.record(event("s" + k)));
        }
        node[0].atShutdown();
        otherNodes.remove(node[0]);
        assertThat(waiting()).isZero();
        assertThat(linked()).hasSize(30);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
