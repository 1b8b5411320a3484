package org.exitwork.audit.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.TestDatabase;
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
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/**
 * Issue 19 attacked: someone with a database login but without the audit key writes rows into
 * {@code aud_pending} that are meant to stop the writer for good or to make it write where it must
 * not, or someone with write access to the checkpoint file puts a signed line where it does not
 * belong. The chain goes on linking, and the node does not believe the misplaced line.
 */
@DatabaseTest
@AutoConfigureMockMvc // not used here: it makes this class share AuditChainTest's application
@TestPropertySource(properties = {"exitwork.test.context=audit-log", "exitwork.audit.checkpoint-every-entries=0",
        "exitwork.audit.checkpoint-log=false"})
class AuditWriterAttackTest {

    @Autowired
    AuditLog log;

    @Autowired
    ChainWriter writer;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    AuditKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Value("${exitwork.audit.checkpoint-file}")
    Path checkpointFile;

    final UUID org = UUID.randomUUID();
    final String chain = org.toString();

    @BeforeEach
    void freshLog() throws Exception {
        AuditLogAsMigrated.restore(jdbc, checkpointFile);
    }

    private AuditEvent event(String detail) {
        return new AuditEvent(org, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", detail);
    }

    private long waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM aud_pending WHERE chain = ?").param(chain).query(Long.class).single();
    }

    /** The chain as action / detail, in its order. */
    private List<String> linked() {
        return jdbc.sql("SELECT action || ' / ' || COALESCE(detail, '') FROM aud_entry WHERE chain = ? ORDER BY seq")
                .param(chain).query(String.class).list();
    }

    @Test
    void aWaitingRowWithATimeNoTagCanHoldDoesNotStopItsChainForGood() {
        // PostgreSQL stores 'infinity'; H2 a year no count of milliseconds since 1970 fits in.
        Object never = TestDatabase.postgres() ? "infinity"
                : OffsetDateTime.of(300_000_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        jdbc.sql("INSERT INTO aud_pending (entry_id, tag, chain, occurred_at, org_id, actor_name, action, subject, detail)"
                        + " VALUES (?, ?, ?, " + (TestDatabase.postgres() ? "CAST(? AS TIMESTAMP WITH TIME ZONE)" : "?")
                        + ", ?, 'bert', 'CASE_READ', 'Kaveli Tomura', 'poison')")
                .params(UUID.randomUUID(), "0".repeat(64), chain, never, org)
                .update();
        log.record(event("after the poison"));
        assertThat(waiting()).as("nothing left waiting").isZero();
        assertThat(linked()).hasSize(2);
        assertThat(linked().get(0)).startsWith("AUDIT_WAITING_ENTRY_REFUSED / a waiting entry does not carry this"
                + " installation's tag; it claimed: CASE_READ by bert about Kaveli Tomura at +");
        assertThat(linked().get(1)).isEqualTo("CASE_READ / after the poison");
    }

    @Test
    void aWaitingRowWithoutATimeDoesNotStopItsChainForGood() {
        // A database owner can drop the column's NOT NULL first.
        jdbc.sql("ALTER TABLE aud_pending ALTER COLUMN occurred_at DROP NOT NULL").update();
        try {
            jdbc.sql("INSERT INTO aud_pending (entry_id, tag, chain, occurred_at, org_id, actor_name, action, subject,"
                            + " detail) VALUES (?, ?, ?, NULL, ?, 'bert', 'CASE_READ', 'Kaveli Tomura', 'no time')")
                    .params(UUID.randomUUID(), "0".repeat(64), chain, org)
                    .update();
            log.record(event("after the row without a time"));
            assertThat(waiting()).isZero();
            assertThat(linked()).containsExactly("AUDIT_WAITING_ENTRY_REFUSED / a waiting entry does not carry this"
                    + " installation's tag; it claimed: CASE_READ by bert about Kaveli Tomura at null",
                    "CASE_READ / after the row without a time");
        } finally {
            jdbc.sql("DELETE FROM aud_pending").update();
            jdbc.sql("ALTER TABLE aud_pending ALTER COLUMN occurred_at SET NOT NULL").update();
        }
    }

    @Test
    void anEntryWithATimeNoCountOfMillisecondsHoldsIsNamedInsteadOfFailingTheVerification() {
        log.record(event("genuine"));
        String first = jdbc.sql("SELECT hash FROM aud_entry WHERE chain = ? AND seq = 1").param(chain)
                .query(String.class).single().trim();
        Object never = TestDatabase.postgres() ? "infinity"
                : OffsetDateTime.of(300_000_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        // An INSERT, which the triggers allow.
        jdbc.sql("INSERT INTO aud_entry (" + JdbcAuditLog.COLUMNS + ", prev_hash, hash) VALUES (2, "
                        + (TestDatabase.postgres() ? "CAST(? AS TIMESTAMP WITH TIME ZONE)" : "?")
                        + ", ?, NULL, 'bert', 'CASE_READ', NULL, 'squatter', ?, ?, ?)")
                .params(never, org, chain, first, "0".repeat(64))
                .update();
        for (AuditVerifier.Extent extent : AuditVerifier.Extent.values()) {
            assertThat(verifier.verify(extent, n -> { }).findings()).extracting(f -> f.kind() + " " + f.seq())
                    .as(extent.name()).containsExactly("NOT_AUTHENTIC 2", "AFTER_HEAD 2");
        }
    }

    @Test
    void aWaitingEntryChangedToNameAnotherOrganisationShowsThatOrganisationNothing() {
        UUID other = UUID.randomUUID();
        writer.requestBegins();
        try {
            log.record(event("what anna read"));
            jdbc.sql("UPDATE aud_pending SET org_id = ? WHERE chain = ?").params(other, chain).update();
        } finally {
            writer.requestEnded();
        }
        assertThat(linked()).singleElement().asString().startsWith("AUDIT_WAITING_ENTRY_REFUSED / a waiting entry does not"
                + " carry this installation's tag; it claimed: CASE_READ by anna about Kaveli Tomura at ");
        assertThat(jdbc.sql("SELECT org_id FROM aud_entry WHERE chain = ?").param(chain).query(UUID.class).single())
                .as("the refusal belongs to its chain's organisation").isEqualTo(org);
        assertThat(log.recent(other, 10)).isEmpty();
        assertThat(log.about(other, "Kaveli Tomura")).isEmpty();
        assertThat(log.recent(org, 10)).hasSize(1);
    }

    @Test
    void theSameWaitingEntryTwiceInOneBatchIsLinkedOnceAndDoesNotStopTheChain() {
        String constraint = TestDatabase.postgres() ? "aud_pending_entry_id_key"
                : jdbc.sql("SELECT constraint_name FROM information_schema.table_constraints WHERE UPPER(table_name) = 'AUD_PENDING'"
                        + " AND constraint_type = 'UNIQUE'").query(String.class).single();
        // A database owner can drop the waiting table's unique constraint, then offer a waiting entry twice.
        jdbc.sql("ALTER TABLE aud_pending DROP CONSTRAINT \"" + constraint + "\"").update();
        try {
            writer.requestBegins();
            try {
                log.record(event("read once"));
                KeptWaitingEntry.of(jdbc, chain).offerAgain(jdbc);
                assertThat(waiting()).isEqualTo(2);
            } finally {
                writer.requestEnded();
            }
            assertThat(waiting()).isZero();
            assertThat(linked()).hasSize(2);
            assertThat(linked().get(0)).isEqualTo("CASE_READ / read once");
            assertThat(linked().get(1)).startsWith(
                    "AUDIT_WAITING_ENTRY_REFUSED / a waiting entry was linked before and was offered again");
            log.record(event("and on"));
            assertThat(linked()).hasSize(3).last().isEqualTo("CASE_READ / and on");
        } finally {
            jdbc.sql("DELETE FROM aud_pending").update();
            jdbc.sql("ALTER TABLE aud_pending ADD CONSTRAINT aud_pending_entry_id_key UNIQUE (entry_id)").update();
        }
    }

    @Test
    void aCopyOfALineFromBeforeARestoreAppendedToTheFileIsNotBelievedByTheNode() throws Exception {
        for (int i = 1; i <= 5; i++) {
            log.record(event("entry " + i));
        }
        assertThat(checkpoints.checkpoint()).hasValue(1);
        String beforeRestore = Files.readAllLines(checkpointFile).get(0);
        assertThat(beforeRestore).contains(chain + ":5:");
        // A restore puts the chain back to entry 3 (as a backup taken then holds it) and records it.
        String third = jdbc.sql("SELECT hash FROM aud_entry WHERE chain = ? AND seq = 3").param(chain)
                .query(String.class).single().trim();
        dropTriggers();
        jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq > 3").param(chain).update();
        jdbc.sql("UPDATE aud_chain SET last_seq = 3, last_mac = ? WHERE chain = ?").params(third, chain).update();
        assertThat(checkpoints.restored(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(2);
        // Someone who can write to the file appends the signed line from before the restore.
        Files.writeString(checkpointFile, beforeRestore + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.record(event("entry 4 after the restore"));
        log.record(event("entry 5 after the restore"));
        assertThat(checkpoints.checkpoint()).as("the chain's new entries 4 and 5 are checkpointed").hasValue(3);
        List<String> lines = Files.readAllLines(checkpointFile);
        assertThat(lines).hasSize(4);
        String fifth = jdbc.sql("SELECT hash FROM aud_entry WHERE chain = ? AND seq = 5").param(chain)
                .query(String.class).single().trim();
        assertThat(CheckpointFile.parse(lines.get(3)).orElseThrow().heads())
                .containsExactly(new CheckpointFile.ChainHead(chain, 5, fifth));
    }

    @Test
    void aHeadKeptLockedByADatabaseLoginHoldsTheWriterOnlyForAWhile() throws Exception {
        log.record(event("before"));
        ExecutorService holder = Executors.newSingleThreadExecutor();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> lock = holder.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = ? FOR UPDATE").param(chain).query(Long.class)
                        .single();
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            writer.requestBegins();
            try {
                log.record(event("while the head is held"));
            } finally {
                // The link gives up after the writer's lock timeout (10 s); the entry stays committed and waits.
                assertTimeout(Duration.ofSeconds(25), writer::requestEnded);
            }
            assertThat(waiting()).isOne();
            release.countDown();
            lock.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            holder.shutdownNow();
        }
        writer.linkEverythingWaiting();
        assertThat(waiting()).isZero();
        assertThat(linked()).containsExactly("CASE_READ / before", "CASE_READ / while the head is held");
    }

    @Test
    void aFullBatchAfterTheInstallationChainsSealDoesNotEndTheLinkEarly() {
        Instant at = Instant.parse("2026-12-03T08:00:00Z");
        for (int i = 0; i <= ChainWriter.BATCH; i++) {
            UUID id = UUID.randomUUID();
            org.exitwork.audit.AuditEntry entry = new org.exitwork.audit.AuditEntry(0, at.plusMillis(i), null, null,
                    "exitwork", "SETTINGS_CHANGED", null, "left " + i);
            jdbc.sql("INSERT INTO aud_pending (entry_id, tag, chain, occurred_at, actor_name, action, detail)"
                            + " VALUES (?, ?, 'installation', ?, 'exitwork', 'SETTINGS_CHANGED', ?)")
                    .params(id, EntryMac.waiting(keys.mac(), JdbcAuditLog.INSTALLATION, id, entry),
                            java.sql.Timestamp.from(at.plusMillis(i)), "left " + i)
                    .update();
        }
        writer.linkEverythingWaiting();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_pending").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = 'installation'").query(Long.class).single())
                .as("the seal and every entry").isEqualTo(ChainWriter.BATCH + 2);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aLinkedEntryWhoseIdWasClearedSoThatItsKeptCopyCouldBeLinkedAgainNoLongerVerifies() {
        // Someone with a database login keeps a copy of a waiting entry before it is linked ...
        KeptWaitingEntry copy = KeptWaitingEntry.recordAndKeep(writer, log, event("read once"), jdbc);
        assertThat(linked()).containsExactly("CASE_READ / read once");
        // ... drops the triggers, clears the id the linked entry carries and offers the copy again.
        dropTriggers();
        jdbc.sql("UPDATE aud_entry SET entry_id = NULL WHERE chain = ? AND seq = 1").param(chain).update();
        copy.offerAgain(jdbc);
        writer.linkEverythingWaiting();
        assertThat(linked()).as("the copy is linked a second time").containsExactly("CASE_READ / read once",
                "CASE_READ / read once");
        // The id is under the entry's tag: the entry without it no longer verifies, so the repeat shows.
        ChainVerification verification = verifier.verify(AuditVerifier.Extent.FULL, checked -> { });
        assertThat(verification.findings()).extracting(ChainVerification.Finding::seq, ChainVerification.Finding::kind,
                        ChainVerification.Finding::text)
                .containsExactly(tuple(1L, ChainVerification.Kind.NOT_AUTHENTIC,
                        "entry 1 does not verify with the audit key: it was changed or forged"));
    }

    private void dropTriggers() {
        if (TestDatabase.postgres()) {
            jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only ON aud_entry").update();
            jdbc.sql("DROP TRIGGER IF EXISTS aud_chain_forward_only ON aud_chain").update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only").update();
            jdbc.sql("DROP TRIGGER IF EXISTS aud_chain_forward_only").update();
        }
    }
}
