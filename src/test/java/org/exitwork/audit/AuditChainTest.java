package org.exitwork.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
