package org.exitwork.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.audit.AuditCheckpoints;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.AuditVerifier.Extent;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.ChainVerification.Kind;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.exitwork.audit.internal.verification.FastEntryCheck;
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

/**
 * The verification from the last signed checkpoint and the full one: what each finds (a changed entry
 * before the checkpoint only the full run; a forged checkpoint, its changed head and anything after it
 * both), how far each tells it got while it runs, and that the fast path takes every intact entry as
 * read from this database. Shares {@link AuditChainTest}'s application and brings the log back to what
 * the migrations leave before each test.
 */
@DatabaseTest
@AutoConfigureMockMvc // not used here: it makes this class share AuditChainTest's application
@TestPropertySource(properties = {"exitwork.test.context=audit-log", "exitwork.audit.checkpoint-every-entries=0",
        "exitwork.audit.checkpoint-log=false"})
class VerificationExtentTest {

    @Autowired
    AuditLog log;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditRepository repository;

    @Autowired
    AuditKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.exitwork.audit.AuditRestore restore;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Value("${exitwork.audit.checkpoint-file}")
    Path checkpointFile;

    final UUID org = UUID.randomUUID();
    final String chain = org.toString();

    @BeforeEach
    void fiveEntriesAndACheckpoint() throws Exception {
        AuditLogAsMigrated.restore(jdbc, checkpointFile);
        for (int i = 1; i <= 5; i++) {
            log.record(new AuditEvent(org, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", "entry " + i));
        }
        assertThat(checkpoints.checkpoint()).hasValue(1);
    }

    @Test
    void aChangedEntryBeforeTheCheckpointIsFoundByTheFullRunOnly() {
        tamper(() -> jdbc.sql("UPDATE aud_entry SET actor_name = 'someone else' WHERE chain = ? AND seq = 2")
                .param(chain).update());
        ChainVerification full = verifier.verify(Extent.FULL, n -> { });
        assertThat(found(full)).containsExactly("NOT_AUTHENTIC@2");
        assertThat(full.full()).isTrue();
        assertThat(full.entriesChecked()).isEqualTo(5);

        ChainVerification quick = verifier.verify(Extent.FROM_CHECKPOINT, n -> { });
        assertThat(quick.findings()).as("the signed checkpoint vouches for entries 1 to 5").isEmpty();
        assertThat(quick.fromCheckpoint()).isEqualTo(1L);
        assertThat(quick.entriesChecked()).as("only the head the checkpoint saw").isEqualTo(1);
    }

    @Test
    void aForgedCheckpointSignatureIsFoundByTheDefaultRun() throws Exception {
        List<String> lines = Files.readAllLines(checkpointFile);
        String line = lines.get(0);
        char last = line.charAt(line.length() - 5);
        lines.set(0, line.substring(0, line.length() - 5) + (last == 'A' ? 'B' : 'A') + line.substring(line.length() - 4));
        Files.write(checkpointFile, lines);
        ChainVerification quick = verifier.verify(Extent.FROM_CHECKPOINT, n -> { });
        assertThat(quick.findings()).extracting(ChainVerification.Finding::kind, ChainVerification.Finding::checkpoint)
                .containsExactly(tuple(Kind.CHECKPOINT_FORGED, 1L));
        assertThat(quick.fromCheckpoint()).as("a checkpoint file that does not verify is no place to start").isNull();
        assertThat(quick.entriesChecked()).isEqualTo(5);
    }

    @Test
    void aChangedHeadOfTheCheckpointIsFoundByTheDefaultRun() {
        tamper(() -> jdbc.sql("UPDATE aud_entry SET detail = 'nothing to see' WHERE chain = ? AND seq = 5")
                .param(chain).update());
        assertThat(found(verifier.verify(Extent.FROM_CHECKPOINT, n -> { }))).containsExactly("NOT_AUTHENTIC@5");
        assertThat(found(verifier.verify(Extent.FULL, n -> { }))).containsExactly("NOT_AUTHENTIC@5");
    }

    @Test
    void aChangedEntryAfterTheCheckpointIsFoundByBoth() {
        for (int i = 6; i <= 8; i++) {
            log.record(new AuditEvent(org, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", "entry " + i));
        }
        tamper(() -> jdbc.sql("UPDATE aud_entry SET subject = 'Someone Else' WHERE chain = ? AND seq = 7")
                .param(chain).update());
        ChainVerification quick = verifier.verify(Extent.FROM_CHECKPOINT, n -> { });
        assertThat(found(quick)).containsExactly("NOT_AUTHENTIC@7");
        assertThat(quick.fromCheckpoint()).isEqualTo(1L);
        assertThat(quick.entriesChecked()).as("entries 5 to 8").isEqualTo(4);
        assertThat(found(verifier.verify(Extent.FULL, n -> { }))).containsExactly("NOT_AUTHENTIC@7");
    }

    @Test
    void bothRunsTellHowFarTheyGotAndTheFastPathTakesEveryIntactEntry() throws Exception {
        UUID big;
        try (Connection connection = dataSource.getConnection()) {
            big = AuditBulkLoad.fill(connection, keys, 25_000);
        }
        Told full = new Told();
        ChainVerification all = verifier.verify(Extent.FULL, full);
        assertThat(all.findings()).isEmpty();
        assertThat(all.entriesChecked()).isEqualTo(25_005);
        assertThat(full.expected).isEqualTo(25_005);
        assertThat(full.checked).as("told along the way, every 10,000 entries or so, then at the end")
                .hasSizeGreaterThanOrEqualTo(3).isSorted().last().isEqualTo(25_005L);
        assertThat(full.checked.get(0)).isLessThan(25_005L);

        assertThat(checkpoints.checkpoint()).hasValue(2);
        UUID later;
        try (Connection connection = dataSource.getConnection()) {
            later = AuditBulkLoad.fill(connection, keys, 20_000);
        }
        Told quick = new Told();
        ChainVerification since = verifier.verify(Extent.FROM_CHECKPOINT, quick);
        assertThat(since.findings()).isEmpty();
        assertThat(since.fromCheckpoint()).isEqualTo(2L);
        assertThat(since.entriesChecked()).as("the new chain and the two heads checkpoint 2 saw").isEqualTo(20_002);
        assertThat(quick.expected).isEqualTo(20_002);
        assertThat(quick.checked).hasSizeGreaterThanOrEqualTo(3).isSorted().last().isEqualTo(20_002L);
        assertThat(since.entriesPerOrganisation()).containsEntry(later, 20_000L).containsEntry(big, 1L);

        // every row of an intact chain, as this database hands it over, verifies on the fast path
        EntryBatch batch = new EntryBatch();
        FastEntryCheck check = new FastEntryCheck(keys, big.toString());
        int read = new TransactionTemplate(transactions).execute(tx -> repository.readRange(big.toString(), 1, batch));
        assertThat(read).isEqualTo(EntryBatch.ROWS);
        batch.before = EntryMac.GENESIS;
        check.check(batch, 0, batch.size);
        List<Long> slow = new ArrayList<>();
        for (int i = 0; i < batch.size; i++) {
            if (!batch.fast[i]) {
                slow.add(batch.seq[i]);
            }
        }
        assertThat(slow).as(TestDatabase.postgres() ? "PostgreSQL" : "H2").isEmpty();
        assertThat(batch.entry(1).actorName()).isEqualTo("Zoë Ørsted");

        // A long chain is read range by range, one read while the one before is hashed: an entry changed or
        // deleted in any range, the first, the last or between, is named where it is, and nothing else is.
        String bigChain = big.toString();
        long inFirst = 5;
        long inSecond = EntryBatch.ROWS + 7;
        long inThird = 2L * EntryBatch.ROWS + 3;
        long inFourth = 3L * EntryBatch.ROWS + 50;
        tamper(() -> {
            jdbc.sql("UPDATE aud_entry SET detail = 'changed' WHERE chain = ? AND seq IN (?, ?, ?)")
                    .params(bigChain, inFirst, inSecond, inThird).update();
            jdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq = ?").params(bigChain, inFourth).update();
        });
        ChainVerification tampered = verifier.verify(Extent.FULL, n -> { });
        assertThat(found(tampered)).containsExactly("NOT_AUTHENTIC@" + inFirst, "NOT_AUTHENTIC@" + inSecond,
                "NOT_AUTHENTIC@" + inThird, "MISSING@" + inFourth);
    }

    /**
     * The fast path reads the time and the ids of an entry as the database hands them over (on PostgreSQL in the
     * binary protocol: microseconds since 2000, sixteen bytes). Times on every side of 1970 and 2000, with
     * microseconds, far in the past and the future, and entries with and without ids, all verify there.
     */
    @Test
    void timesOnEverySideOfEachEpochVerifyOnTheFastPath() {
        UUID organisation = UUID.randomUUID();
        String edgeChain = organisation.toString();
        List<java.time.Instant> times = List.of(java.time.Instant.parse("1969-12-31T23:59:59.999999Z"),
                java.time.Instant.parse("1970-01-01T00:00:00Z"), java.time.Instant.parse("1970-01-01T00:00:00.000999Z"),
                java.time.Instant.parse("1999-12-31T23:59:59.999500Z"), java.time.Instant.parse("2000-01-01T00:00:00Z"),
                java.time.Instant.parse("2000-01-01T00:00:00.001001Z"), java.time.Instant.parse("1900-03-01T12:00:00.5Z"),
                java.time.Instant.parse("0001-01-01T00:00:00.000001Z"), java.time.Instant.parse("2026-11-20T09:00:00.123456Z"),
                java.time.Instant.parse("9999-12-31T23:59:59.999999Z"));
        String previous = EntryMac.GENESIS;
        long seq = 0;
        for (java.time.Instant at : times) {
            seq++;
            UUID actor = seq % 2 == 0 ? null : UUID.randomUUID();
            org.exitwork.audit.AuditEntry entry = new org.exitwork.audit.AuditEntry(seq, at, organisation, actor,
                    "Zoë", "CASE_READ", "Kaveli Tomura", "entry " + seq);
            String tag = EntryMac.of(keys.mac(), edgeChain, entry, previous);
            jdbc.sql("INSERT INTO aud_entry (" + JdbcAuditLog.COLUMNS + ", prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(seq, at.atOffset(java.time.ZoneOffset.UTC), organisation, actor, entry.actorName(),
                            entry.action(), entry.subject(), entry.detail(), edgeChain, previous, tag)
                    .update();
            previous = tag;
        }
        jdbc.sql("INSERT INTO aud_chain (chain, org_id, last_seq, last_mac) VALUES (?, ?, ?, ?)")
                .params(edgeChain, organisation, seq, previous).update();

        EntryBatch batch = new EntryBatch();
        int read = new TransactionTemplate(transactions).execute(tx -> repository.readRange(edgeChain, 1, batch));
        assertThat(read).isEqualTo(times.size());
        assertThat(java.util.Arrays.stream(batch.millis, 0, read).boxed().toList())
                .isEqualTo(times.stream().map(java.time.Instant::toEpochMilli).toList());
        batch.before = EntryMac.GENESIS;
        new FastEntryCheck(keys, edgeChain).check(batch, 0, batch.size);
        assertThat(java.util.Arrays.copyOf(batch.fast, read)).as(TestDatabase.postgres() ? "PostgreSQL" : "H2")
                .containsOnly(true);
        assertThat(batch.entry(0).organisationId()).isEqualTo(organisation);
        assertThat(found(verifier.verify(Extent.FULL, n -> { }))).isEmpty();
    }

    @Test
    void entriesLinkedFromWaitingRowsVerifyOnTheFastPathWithTheirIds() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE chain = ? AND entry_id IS NOT NULL").param(chain)
                .query(Long.class).single()).as("each carries the id of its waiting row").isEqualTo(5);
        EntryBatch batch = new EntryBatch();
        int read = new TransactionTemplate(transactions).execute(tx -> repository.readRange(chain, 1, batch));
        assertThat(read).isEqualTo(5);
        batch.before = EntryMac.GENESIS;
        new FastEntryCheck(keys, chain).check(batch, 0, batch.size);
        assertThat(java.util.Arrays.copyOf(batch.fast, 5)).as(TestDatabase.postgres() ? "PostgreSQL" : "H2")
                .containsOnly(true);
        // and the fast path is no way around the id: an entry whose id was changed is not found intact there
        batch.entryId[2] = UUID.randomUUID().toString();
        new FastEntryCheck(keys, chain).check(batch, 0, batch.size);
        assertThat(java.util.Arrays.copyOf(batch.fast, 5)).containsExactly(true, true, false, true, true);
    }

    /**
     * The writer of the previous version (V1_63_0 up to session 28) linked waiting rows with their id in
     * {@code aud_entry.entry_id} but tagged them {@code exitwork-audit-entry/2}, the id outside the tag. An
     * installation upgraded from it holds such entries; they are honest and must verify, before and after
     * entries of the new writer in the same chain, and the chain's newest one must let a backup be restored.
     */
    @Test
    void entriesLinkedByThePreviousWriterStillVerify() throws Exception {
        UUID upgraded = UUID.randomUUID();
        String upgradedChain = upgraded.toString();
        String previous = EntryMac.GENESIS;
        java.time.Instant at = java.time.Instant.parse("2026-11-20T09:00:00Z");
        for (long seq = 1; seq <= 3; seq++) {
            org.exitwork.audit.AuditEntry entry = new org.exitwork.audit.AuditEntry(seq, at.plusSeconds(seq), upgraded, UUID.randomUUID(), "anna", "CASE_READ",
                    "Kaveli Tomura", "entry " + seq);
            // as ChainWriter.add wrote it then: EntryMac.of without the id, the id stored beside the tag
            String tag = EntryMac.of(keys.mac(), upgradedChain, entry, previous);
            jdbc.sql("INSERT INTO aud_entry (" + JdbcAuditLog.COLUMNS + ", prev_hash, hash, entry_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(seq, java.sql.Timestamp.from(entry.occurredAt()), upgraded, entry.actorId(), entry.actorName(),
                            entry.action(), entry.subject(), entry.detail(), upgradedChain, previous, tag, UUID.randomUUID())
                    .update();
            previous = tag;
        }
        jdbc.sql("INSERT INTO aud_chain (chain, org_id, last_seq, last_mac) VALUES (?, ?, ?, ?)")
                .params(upgradedChain, upgraded, 3L, previous).update();
        assertThat(found(verifier.verify(Extent.FULL, n -> { }))).as("right after the upgrade").isEmpty();
        // the new writer goes on from there
        log.record(new AuditEvent(upgraded, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", "entry 4"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE chain = ?").param(upgradedChain).query(Long.class)
                .single()).isEqualTo(4);
        assertThat(found(verifier.verify(Extent.FULL, n -> { }))).as("after the next entry").isEmpty();
        assertThat(found(verifier.verify(Extent.FROM_CHECKPOINT, n -> { }))).isEmpty();

        // Once the chain has an entry whose tag covers its id, no later entry is taken as the previous writer's:
        // a refusal (tagged without an id) that someone gives an id is found.
        jdbc.sql("INSERT INTO aud_pending (entry_id, tag, chain, occurred_at, org_id, actor_name, action, subject, detail)"
                        + " VALUES (?, ?, ?, ?, ?, 'bert', 'CASE_READ', 'Kaveli Tomura', 'forged')")
                .params(UUID.randomUUID(), "0".repeat(64), upgradedChain,
                        java.sql.Timestamp.from(java.time.Instant.now()), upgraded)
                .update();
        log.record(new AuditEvent(upgraded, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", "entry 6"));
        assertThat(jdbc.sql("SELECT action FROM aud_entry WHERE chain = ? AND seq = 5").param(upgradedChain)
                .query(String.class).single()).isEqualTo("AUDIT_WAITING_ENTRY_REFUSED");
        tamper(() -> jdbc.sql("UPDATE aud_entry SET entry_id = ? WHERE chain = ? AND seq = 5")
                .params(UUID.randomUUID(), upgradedChain).update());
        assertThat(found(verifier.verify(Extent.FULL, n -> { }))).containsExactly("NOT_AUTHENTIC@5");
    }

    /** A backup whose chain ends with an entry the previous writer linked is restored, one forged there is not. */
    @Test
    void aBackupEndingWithAnEntryOfThePreviousWriterRestores() {
        UUID upgraded = UUID.randomUUID();
        org.exitwork.audit.AuditEntry entry = new org.exitwork.audit.AuditEntry(1, java.time.Instant.parse(
                "2026-11-20T09:00:01Z"), upgraded, UUID.randomUUID(), "anna", "CASE_READ", "Kaveli Tomura", "entry 1");
        java.util.Map<String, Object> row = new java.util.HashMap<>();
        row.put("chain", upgraded.toString());
        row.put("seq", 1L);
        row.put("occurred_at", entry.occurredAt().atOffset(java.time.ZoneOffset.UTC));
        row.put("org_id", upgraded);
        row.put("actor_id", entry.actorId());
        row.put("actor_name", entry.actorName());
        row.put("action", entry.action());
        row.put("subject", entry.subject());
        row.put("detail", entry.detail());
        row.put("prev_hash", EntryMac.GENESIS);
        row.put("hash", EntryMac.of(keys.mac(), upgraded.toString(), entry, EntryMac.GENESIS));
        row.put("entry_id", UUID.randomUUID());
        org.exitwork.audit.AuditRestore.Check check = restore.check();
        check.row("aud_entry", row);
        assertThat(check.refusal()).isEmpty();

        row.put("detail", "changed");
        org.exitwork.audit.AuditRestore.Check changed = restore.check();
        changed.row("aud_entry", row);
        assertThat(changed.refusal()).isPresent();
    }

    /** What a verification told its progress. */
    static final class Told implements AuditVerifier.Progress {
        long expected = -1;
        final List<Long> checked = new ArrayList<>();

        @Override
        public void expecting(long entries) {
            expected = entries;
        }

        @Override
        public void checked(long entries) {
            checked.add(entries);
        }
    }

    private static List<String> found(ChainVerification result) {
        return result.findings().stream().map(f -> f.kind() + "@" + f.seq()).toList();
    }

    /** Drops the triggers that protect the log, as the schema's owner or a superuser can, then tampers. */
    private void tamper(Runnable sql) {
        if (TestDatabase.postgres()) {
            jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only ON aud_entry").update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only").update();
        }
        sql.run();
    }
}
