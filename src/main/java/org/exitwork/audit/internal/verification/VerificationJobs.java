package org.exitwork.audit.internal.verification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.audit.ChainVerification.Finding;
import org.exitwork.audit.ChainVerification.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data protection officer's verification as a background job: started by the button, from the last
 * signed checkpoint or in full, run on a thread of its own (it reads the installation's log), its
 * progress written to {@code aud_verification} at most once a second, so that the page, on whichever node it is
 * asked for, shows how far it got and then what it found for the organisation. One job per
 * organisation at a time: pressing the button again while one runs shows the running one.
 */
@Service
public class VerificationJobs {

    private static final Logger log = LoggerFactory.getLogger(VerificationJobs.class);

    /** A job whose node has not written for this long died with its node; the officer can start another. */
    public static final Duration STALE = Duration.ofMinutes(2);
    /** How much of the findings is kept: the page names a handful, the command all of them. */
    private static final int KEPT_FINDINGS = 100;

    public enum Status { RUNNING, INTACT, BROKEN, FAILED, INTERRUPTED }

    /**
     * A job as the page shows it. {@code result} is set once it has finished; {@code full} says whether
     * every entry is read, {@code fromCheckpoint} the checkpoint a run from the checkpoint started from.
     */
    public record Job(UUID id, Instant requestedAt, Status status, long checked, long expected, ChainVerification result,
            boolean full, Long fromCheckpoint) {

        public Job(UUID id, Instant requestedAt, Status status, long checked, long expected, ChainVerification result) {
            this(id, requestedAt, status, checked, expected, result, true, null);
        }

        public boolean running() {
            return status == Status.RUNNING;
        }

        /** How far, in whole percent, for the progress bar; never 100 before it has finished. */
        public int percent() {
            if (!running()) {
                return 100;
            }
            return expected <= 0 ? 0 : (int) Math.min(99, checked * 100 / expected);
        }
    }

    private final JdbcClient jdbc;
    private final AuditVerifier verifier;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-verification");
        t.setDaemon(true);
        return t;
    });

    /** Progress is written beside the verification's read-only snapshot, in transactions of its own. */
    private final TransactionTemplate own;

    VerificationJobs(JdbcClient jdbc, AuditVerifier verifier, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.clock = clock;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** How often, at most, a running job writes how far it got: the page asks every two seconds. */
    static final Duration PROGRESS_WRITTEN_EVERY = Duration.ofSeconds(1);

    /** Starts a verification for the organisation, or returns the one still running for it. */
    public synchronized UUID start(UUID organisation, UUID officer, AuditVerifier.Extent extent) {
        Optional<Job> running = newest(organisation).filter(Job::running);
        if (running.isPresent()) {
            return running.get().id();
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        // At most every entry of the installation is read; the heads say it without counting. The verification
        // tells the distance it will really go (from the checkpoint, less) once it has read the checkpoints.
        long expected = jdbc.sql("SELECT COALESCE(SUM(last_seq), 0) FROM aud_chain").query(Long.class).single()
                + jdbc.sql("SELECT COALESCE(MAX(last_seq), 0) FROM aud_head").query(Long.class).single();
        boolean full = extent == AuditVerifier.Extent.FULL;
        jdbc.sql("INSERT INTO aud_verification (id, org_id, requested_by, requested_at, heartbeat_at, expected, checked,"
                        + " full_run) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")
                .params(id, organisation, officer, now, now, expected, full).update();
        background.submit(() -> run(id, organisation, extent));
        return id;
    }

    private void run(UUID id, UUID organisation, AuditVerifier.Extent extent) {
        try {
            ChainVerification all = verifier.verify(extent, new AuditVerifier.Progress() {
                private long written = System.nanoTime();

                @Override
                public void expecting(long entries) {
                    own.executeWithoutResult(tx -> jdbc.sql(
                                    "UPDATE aud_verification SET expected = ?, heartbeat_at = ? WHERE id = ?")
                            .params(entries, Timestamp.from(clock.instant()), id).update());
                }

                @Override
                public void checked(long entries) {
                    long now = System.nanoTime();
                    if (now - written < PROGRESS_WRITTEN_EVERY.toNanos()) {
                        return;
                    }
                    written = now;
                    own.executeWithoutResult(tx -> jdbc.sql(
                                    "UPDATE aud_verification SET checked = ?, heartbeat_at = ? WHERE id = ?")
                            .params(entries, Timestamp.from(clock.instant()), id).update());
                }
            });
            ChainVerification seen = all.seenBy(organisation);
            jdbc.sql("UPDATE aud_verification SET checked = ?, own_checked = ?, outcome = ?, findings = ?,"
                            + " finished_at = ?, heartbeat_at = ?, full_run = ?, from_checkpoint = ? WHERE id = ?")
                    .params(all.entriesChecked(), seen.entriesChecked(),
                            seen.intact() ? Status.INTACT.name() : Status.BROKEN.name(), encode(seen.findings()),
                            Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), all.full(),
                            all.fromCheckpoint(), id)
                    .update();
        } catch (RuntimeException e) {
            log.error("The audit verification {} failed", id, e);
            jdbc.sql("UPDATE aud_verification SET outcome = ?, finished_at = ? WHERE id = ?")
                    .params(Status.FAILED.name(), Timestamp.from(clock.instant()), id).update();
        }
    }

    /** The job, only within the organisation that started it. */
    public Optional<Job> find(UUID organisation, UUID id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM aud_verification WHERE id = ? AND org_id = ?")
                .params(id, organisation).query((rs, n) -> job(rs)).optional();
    }

    /** The organisation's latest job, if any. */
    public Optional<Job> newest(UUID organisation) {
        return jdbc.sql("SELECT " + JOB_COLUMNS
                        + " FROM aud_verification WHERE org_id = ? ORDER BY requested_at DESC FETCH FIRST 1 ROWS ONLY")
                .param(organisation).query((rs, n) -> job(rs)).optional();
    }

    private static final String JOB_COLUMNS = "id, requested_at, heartbeat_at, checked, expected, own_checked, outcome,"
            + " findings, full_run, from_checkpoint";

    private Job job(java.sql.ResultSet rs) throws java.sql.SQLException {
        String outcome = rs.getString("outcome");
        Instant heartbeat = rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant();
        Status status = outcome != null ? Status.valueOf(outcome)
                : heartbeat.isBefore(clock.instant().minus(STALE)) ? Status.INTERRUPTED : Status.RUNNING;
        ChainVerification result = status == Status.INTACT || status == Status.BROKEN
                ? new ChainVerification(rs.getLong("own_checked"), decode(rs.getString("findings")), java.util.Map.of(),
                        List.of())
                : null;
        return new Job(rs.getObject("id", UUID.class), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                status, rs.getLong("checked"), rs.getLong("expected"), result, rs.getBoolean("full_run"),
                rs.getObject("from_checkpoint", Long.class));
    }

    /** One line per finding: its kind and numbers, which is all the page words it from. */
    public static String encode(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding f : findings.subList(0, Math.min(findings.size(), KEPT_FINDINGS))) {
            text.append(f.kind().name()).append(';').append(number(f.seq())).append(';').append(number(f.other()))
                    .append(';').append(number(f.checkpoint())).append('\n');
        }
        return text.toString();
    }

    public static List<Finding> decode(String text) {
        List<Finding> findings = new ArrayList<>();
        if (text == null) {
            return findings;
        }
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(";", -1);
            findings.add(new Finding(null, null, parse(parts[1]), parse(parts[2]), parse(parts[3]), Kind.valueOf(parts[0]),
                    null));
        }
        return findings;
    }

    private static String number(Long n) {
        return n == null ? "" : n.toString();
    }

    private static Long parse(String text) {
        return text.isEmpty() ? null : Long.valueOf(text);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
