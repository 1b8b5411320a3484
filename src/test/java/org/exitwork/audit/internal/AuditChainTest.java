package org.exitwork.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.exitwork.audit.AuditCheckpoints;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.ChainVerification.Kind;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.exitwork.commands.Command;
import org.exitwork.commands.CommandRunner;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The audit log against the attacker the issue describes: someone with a database login (on
 * PostgreSQL the schema's owner, who drops the append-only triggers first, as a superuser could),
 * or with write access to the checkpoint file, but without the audit key file. Every tamper is
 * made the way such a person would and must be named by verify-audit with the exact finding.
 *
 * <p>The class shares an application with {@code OrganisationChainsTest} only; before each test its
 * audit log is brought back to what the migrations leave ({@link AuditLogAsMigrated}), so each test
 * sees a fresh log without a restart.
 */
@DatabaseTest
@AutoConfigureMockMvc // not used here: it makes this class share OrganisationChainsTest's application
@TestPropertySource(properties = {"exitwork.test.context=audit-log", "exitwork.audit.checkpoint-every-entries=0",
        "exitwork.audit.checkpoint-log=false"})
class AuditChainTest {

    @Autowired
    AuditLog log;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    CommandRunner commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AuditRepository repository;

    @Autowired
    AuditKeys keys;

    @Autowired
    AuditSettings settings;

    @Value("${exitwork.audit.checkpoint-file}")
    Path checkpointFile;

    final UUID org = UUID.randomUUID();
    final String chain = org.toString();

    /** The attacker's best try: the right algorithm and encoding, but a key of their own. */
    final byte[] guessedKey = new byte[32];

    @BeforeEach
    void fiveEntries() throws Exception {
        AuditLogAsMigrated.restore(jdbc, checkpointFile);
        new SecureRandom().nextBytes(guessedKey);
        for (int i = 1; i <= 5; i++) {
            log.record(new AuditEvent(org, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", "entry " + i));
        }
    }

    record Found(Kind kind, Long seq, Long other, Long checkpoint) {
    }

    static Found found(Kind kind, Long seq, Long other, Long checkpoint) {
        return new Found(kind, seq, other, checkpoint);
    }

    @Test
    void anIntactChainVerifies() {
        ChainVerification result = verifier.verify();
        assertThat(result.findings()).isEmpty();
        assertThat(result.entriesChecked()).as("five entries; no installation-level entry, so no seal yet").isEqualTo(5);
        assertThat(result.entriesPerOrganisation()).isEqualTo(Map.of(org, 5L));
        assertThat(log.recent(org, 10)).extracting(AuditEntry::seq).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(checkpoints.checkpoint()).hasValue(1);
        assertThat(checkpoints.checkpoint()).as("nothing changed since").isEmpty();
        CommandResult cli = runVerifyAudit("--full");
        assertThat(cli.status()).isZero();
        assertThat(cli.output()).contains("Audit log intact: 5 entries verified").contains("every entry read");
        // by default from the checkpoint just written: its head, entry 5, is read again, nothing before it
        CommandResult fromCheckpoint = runVerifyAudit();
        assertThat(fromCheckpoint.status()).isZero();
        assertThat(fromCheckpoint.output()).contains("Audit log intact: 1 entries verified")
                .contains("from signed checkpoint 1 on");
        assertThat(log.about(org, "Kaveli Tomura")).hasSize(5);
    }

    @Test
    void theSealNamesTheEndOfTheEarlierChain() {
        // A database without an earlier chain is not sealed at start (a fresh database stays empty for
        // a restore); the installation's chain begins with the seal at its first entry.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE chain = 'installation'").query(Long.class).single())
                .isZero();
        log.record(new AuditEvent(null, null, "exitwork", "MASTER_KEY_ROTATED", null, "test"));
        assertThat(jdbc.sql("SELECT action FROM aud_entry WHERE chain = 'installation' AND seq = 2")
                .query(String.class).single()).isEqualTo("MASTER_KEY_ROTATED");
        assertThat(verifier.verify().findings()).isEmpty();
        assertThat(jdbc.sql("SELECT action, detail FROM aud_entry WHERE chain = 'installation' AND seq = 1")
                .query((rs, n) -> rs.getString(1) + " / " + rs.getString(2)).single())
                .isEqualTo("AUDIT_LEGACY_CHAIN_SEALED / legacy chain ends at entry 0 with hash " + "0".repeat(64));
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
        assertThat(verifier.verify().findings()).isEmpty();

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
    void theDatabaseRefusesChangesToEntriesHeadsAndCheckpoints() {
        checkpoints.checkpoint();
        assertThatThrownBy(() -> jdbc.sql("UPDATE aud_entry SET detail = 'x' WHERE seq = 2").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM aud_entry WHERE seq = 2").update())
                .hasMessageContaining("append-only");
        long head = jdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = ?").param(chain).query(Long.class).single();
        String earlierTag = jdbc.sql("SELECT hash FROM aud_entry WHERE chain = ? AND seq = ?").params(chain, head - 1)
                .query(String.class).single();
        // Forward past what is stored, back over the tail, back with the earlier entry's own tag, deleted.
        assertThatThrownBy(() -> jdbc.sql("UPDATE aud_chain SET last_seq = ? WHERE chain = ?").params(head + 1, chain)
                .update()).hasMessageContaining("only move forward onto a stored entry");
        assertThatThrownBy(() -> jdbc.sql("UPDATE aud_chain SET last_seq = ? WHERE chain = ?").params(head - 1, chain)
                .update()).hasMessageContaining("only move forward onto a stored entry");
        assertThatThrownBy(() -> jdbc.sql("UPDATE aud_chain SET last_seq = ?, last_mac = ? WHERE chain = ?")
                .params(head - 1, earlierTag, chain).update()).hasMessageContaining("only move forward onto a stored entry");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM aud_chain WHERE chain = ?").param(chain).update())
                .hasMessageContaining("only move forward onto a stored entry");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM aud_checkpoint").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE aud_head SET last_seq = 7").update()).hasMessageContaining("append-only");
        if (TestDatabase.postgres()) {
            for (String table : List.of("aud_entry", "aud_chain", "aud_checkpoint", "aud_head")) {
                assertThatThrownBy(() -> jdbc.sql("TRUNCATE " + table).update()).as(table).hasMessageContaining("refused");
            }
        }
        assertThat(verifier.verify().findings()).isEmpty();
    }

    @Test
    void aForgedEntryAppendedWithTheHeadMovedIsFound() {
        AuditEntry forged = new AuditEntry(6, java.time.Instant.parse("2026-12-01T10:00:00Z"), org, null, "anna",
                "CASE_READ", "Someone Else", "never happened");
        String tag = attackerTag(forged, tagOf(5));
        tamper(() -> {
            insert(forged, tagOf(5), tag);
            jdbc.sql("UPDATE aud_chain SET last_seq = 6, last_mac = ? WHERE chain = ?").params(tag, chain).update();
        });
        assertFindings(found(Kind.NOT_AUTHENTIC, 6L, null, null));
    }

    @Test
    void aChangedEntryWithEveryLaterTagRecomputedWithoutTheKeyIsFound() {
        tamper(() -> {
            jdbc.sql("UPDATE aud_entry SET detail = 'nothing to see' WHERE chain = ? AND seq = 3").param(chain).update();
            recomputeFrom(3);
        });
        assertFindings(found(Kind.NOT_AUTHENTIC, 3L, null, null), found(Kind.NOT_AUTHENTIC, 4L, null, null),
                found(Kind.NOT_AUTHENTIC, 5L, null, null));
    }

    @Test
    void aChangedActorIsFound() {
        tamper(() -> jdbc.sql("UPDATE aud_entry SET actor_name = 'someone else' WHERE chain = ? AND seq = 2").param(chain)
                .update());
        assertFindings(found(Kind.NOT_AUTHENTIC, 2L, null, null));
    }

    @Test
    void aDeletedEntryIsFound() {
        tamper(() -> jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq = 2").param(chain).update());
        assertFindings(found(Kind.MISSING, 2L, 3L, null));
    }

    @Test
    void aDeletedEntryWithTheRestRenumberedAndRecomputedWithoutTheKeyIsFound() {
        tamper(() -> {
            jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq = 2").param(chain).update();
            for (int seq = 3; seq <= 5; seq++) {
                jdbc.sql("UPDATE aud_entry SET seq = ? WHERE chain = ? AND seq = ?").params(seq - 1, chain, seq).update();
            }
            recomputeFrom(2);
        });
        assertFindings(found(Kind.NOT_AUTHENTIC, 2L, null, null), found(Kind.NOT_AUTHENTIC, 3L, null, null),
                found(Kind.NOT_AUTHENTIC, 4L, null, null));
    }

    @Test
    void aDeletedEntryWithTheRestRenumberedIsFoundAsMovedEntries() {
        tamper(() -> {
            jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq = 2").param(chain).update();
            for (int seq = 3; seq <= 5; seq++) {
                jdbc.sql("UPDATE aud_entry SET seq = ? WHERE chain = ? AND seq = ?").params(seq - 1, chain, seq).update();
            }
            jdbc.sql("UPDATE aud_chain SET last_seq = 4 WHERE chain = ?").param(chain).update();
        });
        assertFindings(found(Kind.OUT_OF_PLACE, 2L, 3L, null), found(Kind.OUT_OF_PLACE, 3L, 4L, null),
                found(Kind.OUT_OF_PLACE, 4L, 5L, null));
    }

    @Test
    void reorderedEntriesAreFound() {
        tamper(() -> {
            jdbc.sql("UPDATE aud_entry SET seq = 100 WHERE chain = ? AND seq = 2").param(chain).update();
            jdbc.sql("UPDATE aud_entry SET seq = 2 WHERE chain = ? AND seq = 3").param(chain).update();
            jdbc.sql("UPDATE aud_entry SET seq = 3 WHERE chain = ? AND seq = 100").param(chain).update();
        });
        assertFindings(found(Kind.OUT_OF_PLACE, 2L, 3L, null), found(Kind.OUT_OF_PLACE, 3L, 2L, null));
    }

    @Test
    void reorderedEntriesWithTheirTagsRecomputedWithoutTheKeyAreFound() {
        tamper(() -> {
            jdbc.sql("UPDATE aud_entry SET seq = 100 WHERE chain = ? AND seq = 2").param(chain).update();
            jdbc.sql("UPDATE aud_entry SET seq = 2 WHERE chain = ? AND seq = 3").param(chain).update();
            jdbc.sql("UPDATE aud_entry SET seq = 3 WHERE chain = ? AND seq = 100").param(chain).update();
            recomputeFrom(2);
        });
        assertFindings(found(Kind.NOT_AUTHENTIC, 2L, null, null), found(Kind.NOT_AUTHENTIC, 3L, null, null),
                found(Kind.NOT_AUTHENTIC, 4L, null, null), found(Kind.NOT_AUTHENTIC, 5L, null, null));
    }

    @Test
    void deletingTheNewestEntriesIsFound() {
        tamper(() -> jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq >= 4").param(chain).update());
        assertFindings(found(Kind.BEFORE_HEAD, 4L, 5L, null));
    }

    @Test
    void aTailCutBehindACheckpointWithTheHeadMovedBackIsFound() {
        assertThat(checkpoints.checkpoint()).hasValue(1);
        String third = tagOf(3);
        tamper(() -> {
            jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq >= 4").param(chain).update();
            jdbc.sql("UPDATE aud_chain SET last_seq = 3, last_mac = ? WHERE chain = ?").params(third, chain).update();
        });
        assertFindings(found(Kind.TAIL_CUT, 4L, 5L, 1L));
    }

    @Test
    void aCheckpointFileCutAtItsEndIsFound() throws Exception {
        threeCheckpoints();
        List<String> lines = Files.readAllLines(checkpointFile);
        Files.write(checkpointFile, lines.subList(0, 2));
        assertFindings(found(Kind.CHECKPOINT_FILE_CUT, null, 2L, 3L));
    }

    @Test
    void aCheckpointFileCutInTheMiddleOfItsLastLineIsFound() throws Exception {
        threeCheckpoints();
        byte[] bytes = Files.readAllBytes(checkpointFile);
        Files.write(checkpointFile, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        assertFindings(found(Kind.CHECKPOINT_UNREADABLE, null, null, 3L), found(Kind.CHECKPOINT_FILE_CUT, null, 2L, 3L));
    }

    @Test
    void aCheckpointLineRemovedFromTheMiddleIsFound() throws Exception {
        threeCheckpoints();
        List<String> lines = new ArrayList<>(Files.readAllLines(checkpointFile));
        lines.remove(1);
        Files.write(checkpointFile, lines);
        assertFindings(found(Kind.CHECKPOINT_MISSING, null, 2L, 2L));
    }

    @Test
    void anEditedCheckpointLineIsFound() throws Exception {
        threeCheckpoints();
        List<String> lines = new ArrayList<>(Files.readAllLines(checkpointFile));
        assertThat(lines.get(0)).contains(chain + ":5:");
        lines.set(0, lines.get(0).replace(chain + ":5:", chain + ":3:"));
        Files.write(checkpointFile, lines);
        assertFindings(found(Kind.CHECKPOINT_FORGED, null, null, 1L), found(Kind.CHECKPOINT_LINK_BROKEN, null, null, 2L));
    }

    @Test
    void aCheckpointWrittenByTwoNodesAtOnceStaysOneChainOfLines() throws Exception {
        // several nodes append to the same file: every line complete, numbered and linked
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Thread writer = new Thread(() -> {
                log.record(new AuditEvent(org, null, "anna", "CASE_READ", "s" + n, null));
                checkpoints.checkpoint();
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread t : writers) {
            t.join();
        }
        assertThat(verifier.verify().findings()).isEmpty();
        assertThat(Files.readAllLines(checkpointFile)).allMatch(l -> l.startsWith(CheckpointFile.PREFIX + " no="));
    }

    @Test
    void aCheckpointNamesOnlyTheChainsWhoseHeadsMovedSinceTheLinesBeforeIt() throws Exception {
        UUID other = UUID.randomUUID();
        log.record(new AuditEvent(other, null, "bert", "CASE_READ", "Rilo Amsel", null));
        assertThat(checkpoints.checkpoint()).hasValue(1);
        assertThat(namedIn(1)).containsExactlyInAnyOrder(chain + ":5", other + ":1");
        log.record(new AuditEvent(org, null, "anna", "CASE_READ", "Kaveli Tomura", "entry 6"));
        assertThat(checkpoints.checkpoint()).hasValue(2);
        assertThat(namedIn(2)).containsExactly(chain + ":6");
        assertThat(checkpoints.checkpoint()).as("nothing moved: no line").isEmpty();

        // Another node writing to the same file: each takes the other's lines into account.
        Checkpoints secondNode = new Checkpoints(repository, keys, java.time.Clock.systemUTC(), transactions, settings);
        assertThat(secondNode.checkpoint()).as("the second node has read lines 1 and 2").isEmpty();
        log.record(new AuditEvent(other, null, "bert", "CASE_READ", "Rilo Amsel", null));
        assertThat(secondNode.checkpoint()).hasValue(3);
        assertThat(namedIn(3)).containsExactly(other + ":2");
        assertThat(checkpoints.checkpoint()).as("the first node has read line 3").isEmpty();
        assertThat(verifier.verify(AuditVerifier.Extent.FROM_CHECKPOINT, n -> { }).findings()).isEmpty();
        assertThat(verifier.verify(AuditVerifier.Extent.FULL, n -> { }).findings()).isEmpty();
    }

    @Test
    void aTailCutOfAChainOnlyAnEarlierLineNamedIsFound() {
        UUID other = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            log.record(new AuditEvent(other, null, "bert", "CASE_READ", "Rilo Amsel", null));
        }
        assertThat(checkpoints.checkpoint()).hasValue(1);
        log.record(new AuditEvent(org, null, "anna", "CASE_READ", "Kaveli Tomura", "entry 6"));
        assertThat(checkpoints.checkpoint()).hasValue(2);
        assertThat(namedIn(2)).containsExactly(chain + ":6");
        String second = jdbc.sql("SELECT hash FROM aud_entry WHERE chain = ? AND seq = 2").param(other.toString())
                .query(String.class).single().trim();
        tamper(() -> {
            jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq = 3").param(other.toString()).update();
            jdbc.sql("UPDATE aud_chain SET last_seq = 2, last_mac = ? WHERE chain = ?").params(second, other.toString())
                    .update();
        });
        for (AuditVerifier.Extent extent : AuditVerifier.Extent.values()) {
            assertThat(verifier.verify(extent, n -> { }).findings())
                    .extracting(f -> f.chain() + " " + new Found(f.kind(), f.seq(), f.other(), f.checkpoint()))
                    .as(extent.name()).containsExactly("organisation " + other + " " + found(Kind.TAIL_CUT, 3L, 3L, 1L));
        }
    }

    /** The chains a checkpoint line names, as chain:seq. */
    private List<String> namedIn(long number) {
        return CheckpointFile.parse(readLine(number)).orElseThrow().heads().stream()
                .map(h -> h.chain() + ":" + h.seq()).toList();
    }

    private String readLine(long number) {
        try {
            return Files.readAllLines(checkpointFile).stream().filter(l -> l.contains(" no=" + number + " ")).findFirst()
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ----- helpers -----


    private void threeCheckpoints() {
        assertThat(checkpoints.checkpoint()).hasValue(1);
        log.record(new AuditEvent(org, null, "anna", "CASE_READ", "Kaveli Tomura", "entry 6"));
        assertThat(checkpoints.checkpoint()).hasValue(2);
        log.record(new AuditEvent(org, null, "anna", "CASE_READ", "Kaveli Tomura", "entry 7"));
        assertThat(checkpoints.checkpoint()).hasValue(3);
        assertThat(verifier.verify().findings()).isEmpty();
    }

    private void assertFindings(Found... expected) {
        ChainVerification result = verifier.verify();
        assertThat(result.findings()).extracting(f -> new Found(f.kind(), f.seq(), f.other(), f.checkpoint()))
                .as(result.findings().toString())
                .containsExactly(expected);
        CommandResult cli = runVerifyAudit();
        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.output()).contains("Audit log BROKEN: " + expected.length + " finding(s)")
                .contains(expected[0].kind().name());
        if (expected[0].seq() != null) {
            assertThat(cli.output()).contains("BROKEN at entry " + expected[0].seq() + " (organisation " + chain + ")");
        }
    }

    private String tagOf(long seq) {
        return jdbc.sql("SELECT hash FROM aud_entry WHERE chain = ? AND seq = ?").params(chain, seq).query(String.class)
                .single().trim();
    }

    private AuditEntry stored(long seq) {
        return jdbc.sql("SELECT " + JdbcAuditLog.COLUMNS + " FROM aud_entry WHERE chain = ? AND seq = ?").params(chain, seq)
                .query(JdbcAuditLog::entry).single();
    }

    /** What someone with only the database does: recompute every tag from {@code from} on, with their own key. */
    private void recomputeFrom(long from) {
        long last = jdbc.sql("SELECT MAX(seq) FROM aud_entry WHERE chain = ?").param(chain).query(Long.class).single();
        String previous = from == 1 ? EntryMac.GENESIS : tagOf(from - 1);
        for (long seq = from; seq <= last; seq++) {
            String tag = attackerTag(stored(seq), previous);
            jdbc.sql("UPDATE aud_entry SET prev_hash = ?, hash = ? WHERE chain = ? AND seq = ?")
                    .params(previous, tag, chain, seq).update();
            previous = tag;
        }
        jdbc.sql("UPDATE aud_chain SET last_seq = ?, last_mac = ? WHERE chain = ?").params(last, previous, chain).update();
    }

    private String attackerTag(AuditEntry entry, String previous) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(guessedKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(EntryMac.encode(chain, entry, previous)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(AuditEntry entry, String previous, String tag) {
        jdbc.sql("INSERT INTO aud_entry (" + JdbcAuditLog.COLUMNS + ", prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.seq(), Timestamp.from(entry.occurredAt()), entry.organisationId(), entry.actorId(),
                        entry.actorName(), entry.action(), entry.subject(), entry.detail(), chain, previous, tag)
                .update();
    }

    /** Drops the triggers that protect the log, as the schema's owner or a superuser can, then tampers. */
    private void tamper(Runnable sql) {
        if (TestDatabase.postgres()) {
            jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only ON aud_entry").update();
            jdbc.sql("DROP TRIGGER IF EXISTS aud_chain_forward_only ON aud_chain").update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only").update();
            jdbc.sql("DROP TRIGGER IF EXISTS aud_chain_forward_only").update();
        }
        sql.run();
    }

    record CommandResult(int status, String output) {
    }

    private CommandResult runVerifyAudit(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        synchronized (System.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                status = commands.run(Command.VERIFY_AUDIT, args);
            } finally {
                System.setOut(original);
            }
        }
        return new CommandResult(status, captured.toString(StandardCharsets.UTF_8));
    }
}
