package org.exitwork.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;

import org.exitwork.commands.Command;
import org.exitwork.commands.CommandRunner;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The audit chain: the application cannot change entries, the database refuses it, and
 * verify-audit finds every change, deletion or reordering made behind the application's back.
 */
@DatabaseTest
@TestPropertySource(properties = "exitwork.test.context=audit-chain")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AuditChainTest {

    @Autowired
    AuditLog log;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    CommandRunner commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    final UUID org = UUID.randomUUID();

    @BeforeEach
    void fiveEntries() {
        for (int i = 1; i <= 5; i++) {
            log.record(new AuditEvent(org, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", "entry " + i));
        }
    }

    @Test
    void anIntactChainVerifies() {
        assertThat(verifier.verify().intact()).isTrue();
        assertThat(verifier.verify().entriesChecked()).isEqualTo(5);
        assertThat(runVerifyAudit().status()).isZero();
        assertThat(log.about(org, "Kaveli Tomura")).hasSize(5);
    }

    @Test
    void anIndependentEntryAfterAnEntryOfTheSameTransactionNeitherWaitsNorIsLost() {
        // The caller's transaction holds the head; a refusal audited "independently" must not wait for
        // it (that would be forever on PostgreSQL), and must stay when the caller rolls back.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new TransactionTemplate(transactions)
                .executeWithoutResult(tx -> {
                    log.record(new AuditEvent(org, UUID.randomUUID(), "anna", "SHARE_GRANTED", "Kaveli Tomura", "rolled back"));
                    log.recordIndependently(new AuditEvent(org, UUID.randomUUID(), "anna", "SHARE_REFUSED",
                            "Kaveli Tomura", "kept"));
                    tx.setRollbackOnly();
                }));
        assertThat(log.about(org, "Kaveli Tomura")).extracting(AuditEntry::action).containsExactly(
                "CASE_READ", "CASE_READ", "CASE_READ", "CASE_READ", "CASE_READ", "SHARE_REFUSED");
        assertThat(verifier.verify().intact()).isTrue();

        // Without an entry of its own before, the caller's transaction does not hold the head: written at once.
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            log.recordIndependently(new AuditEvent(org, UUID.randomUUID(), "anna", "SHARE_REFUSED", "Kaveli Tomura",
                    "at once"));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE detail = 'at once'").query(Long.class).single())
                    .as("visible before the caller ends").isOne();
            tx.setRollbackOnly();
        });
        assertThat(log.about(org, "Kaveli Tomura")).hasSize(7);
    }

    @Test
    void theDatabaseRefusesUpdateAndDelete() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE aud_entry SET detail = 'x' WHERE seq = 2").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM aud_entry WHERE seq = 2").update())
                .hasMessageContaining("append-only");
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aChangedEntryIsFound() {
        tamper("UPDATE aud_entry SET detail = 'nothing to see' WHERE seq = 3");
        assertBrokenAt(3);
    }

    @Test
    void aChangedActorIsFound() {
        tamper("UPDATE aud_entry SET actor_name = 'someone else' WHERE seq = 2");
        assertBrokenAt(2);
    }

    @Test
    void aDeletedEntryIsFound() {
        tamper("DELETE FROM aud_entry WHERE seq = 2");
        assertBrokenAt(2);
    }

    @Test
    void deletingTheNewestEntriesIsFound() {
        tamper("DELETE FROM aud_entry WHERE seq >= 4");
        assertBrokenAt(4);
    }

    @Test
    void reorderedEntriesAreFound() {
        tamper("UPDATE aud_entry SET seq = 100 WHERE seq = 2");
        tamper("UPDATE aud_entry SET seq = 2 WHERE seq = 3");
        tamper("UPDATE aud_entry SET seq = 3 WHERE seq = 100");
        assertBrokenAt(2);
    }

    @Test
    void aRecomputedHashWithoutTheChainIsFound() {
        // Changing content and the entry's own hash still breaks the link to the next entry.
        String prev = jdbc.sql("SELECT prev_hash FROM aud_entry WHERE seq = 3").query(String.class).single();
        tamper("UPDATE aud_entry SET detail = 'forged', hash = '" + "a".repeat(64) + "' WHERE seq = 3");
        assertThat(prev).hasSize(64);
        assertBrokenAt(3);
    }

    private void assertBrokenAt(long seq) {
        ChainVerification result = verifier.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadSeq()).contains(seq);
        CommandResult cli = runVerifyAudit();
        assertThat(cli.status()).isNotZero();
        assertThat(cli.output()).contains("BROKEN at entry " + seq);
    }

    private void tamper(String sql) {
        if (TestDatabase.postgres()) {
            jdbc.sql("ALTER TABLE aud_entry DISABLE TRIGGER aud_entry_append_only").update();
            jdbc.sql(sql).update();
            jdbc.sql("ALTER TABLE aud_entry ENABLE TRIGGER aud_entry_append_only").update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only").update();
            jdbc.sql(sql).update();
        }
    }

    record CommandResult(int status, String output) {
    }

    private CommandResult runVerifyAudit() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        synchronized (System.class) {
            System.setOut(new PrintStream(captured, true));
            try {
                status = commands.run(Command.VERIFY_AUDIT, new String[0]);
            } finally {
                System.setOut(original);
            }
        }
        return new CommandResult(status, captured.toString());
    }
}
