package org.exitwork.audit.internal;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links the entries waiting in {@code aud_pending} into their keyed chain. An audited change and its
 * entry commit together into {@code aud_pending} without taking a lock; the writer then, in a short
 * transaction of its own, locks the chain's head, numbers and tags every entry waiting for that chain
 * in the order they were written, appends them to {@code aud_entry}, moves the head and removes them
 * from waiting. Writers of one chain, on this node or another, take turns on the head's row lock, and
 * each takes whatever was committed meanwhile: under load one short transaction links many entries,
 * and the head is never held while a caller's own work runs.
 *
 * <p>When the writer runs: a web request hands the chains its commits touched over once, when it ends
 * ({@link LinkAtRequestEnd}); any other commit right after it. By default this node's writer thread
 * links them in the background, so no request waits for the chain; with
 * {@code exitwork.audit.wait-for-link} the committing thread links before it goes on (the tests use it,
 * so that what they read in the tables is linked already; commits of one node then group, one linking
 * for all who committed before it began).
 * The writer has connections of its own ({@code exitwork.audit.writer-connections}, a pool apart from
 * the application's): linking right after a commit, while that commit's connection is still held,
 * never waits for the pool it holds, and the writers of one node queue for a connection rather than
 * for the head's lock.
 * A node that stops between a commit and its linking loses nothing: the entries are committed, and the
 * schedule, the next start and the shutdown link whatever waits. Reads of the log first wait for what
 * this node committed before them, so a page shows its own request's earlier entries.
 */
@Service
class ChainWriter {

    private static final Logger log = LoggerFactory.getLogger(ChainWriter.class);

    /** How long the writer waits for a lock on PostgreSQL before it gives up this try. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** Entries linked per transaction at most: bounds the head's lock time after a backlog. */
    static final int BATCH = 500;

    /** The chains a web request's commits touched, linked when it ends; absent outside a request. */
    private static final ThreadLocal<Set<String>> atRequestEnd = new ThreadLocal<>();

    private final DataSource connections;
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final AuditKeys keys;
    private final Clock clock;
    private final Checkpoints checkpoints;
    private final TransactionTemplate own;
    private final Set<String> knownChains = ConcurrentHashMap.newKeySet();
    /** Whether this node saw the installation chain's seal (its first entry) in place. */
    private volatile boolean sealSeen;
    /** Whether a commit waits until its entries are linked, or hands them to this node's writer thread. */
    private final boolean waitForLink;

    ChainWriter(DataSource dataSource, AuditKeys keys, Clock clock, Checkpoints checkpoints, AuditSettings settings) {
        this.connections = ownPool(dataSource, settings.writerConnections());
        this.jdbc = JdbcClient.create(connections);
        this.batches = new JdbcTemplate(connections);
        this.keys = keys;
        this.clock = clock;
        this.checkpoints = checkpoints;
        // Transactions on the writer's own connections: independent of any transaction of the caller's
        // thread, and without touching its synchronizations (a commit's afterCommit calls the writer).
        JdbcTransactionManager transactions = new JdbcTransactionManager(connections);
        transactions.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_NEVER);
        this.own = new TransactionTemplate(transactions);
        this.waitForLink = settings.waitForLink();
        if (!waitForLink) {
            background = new Thread(this::runInBackground, "audit-chain-writer");
            background.setDaemon(true);
            background.start();
        }
    }

    /** A pool of {@code size} connections configured as the application's, or the application's own if it is no Hikari pool. */
    private static DataSource ownPool(DataSource application, int size) {
        try {
            if (application.isWrapperFor(HikariDataSource.class)) {
                HikariConfig config = new HikariConfig();
                application.unwrap(HikariDataSource.class).copyStateTo(config);
                config.setPoolName("audit-writer");
                config.setMaximumPoolSize(size);
                config.setMinimumIdle(1);
                // A head kept locked by a database login (an open SELECT ... FOR UPDATE) must not hold the
                // writer, and with it every chain of this node and the schedule, for ever: PostgreSQL waits
                // for a lock without end unless told (H2 gives up after its own lock timeout). Writers of one
                // chain hold its head for milliseconds; after a timeout the schedule tries again.
                String url = config.getJdbcUrl();
                if (config.getConnectionInitSql() == null && url != null && url.startsWith("jdbc:postgresql:")) {
                    config.setConnectionInitSql("SET lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
                }
                return new HikariDataSource(config);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the audit writer's connections", e);
        }
        return application;
    }

    /**
     * Notes that the current transaction wrote an entry of {@code chain}: once it commits, the chain is
     * linked (at the end of the web request, or at once). A rollback takes the entry and the note back.
     */
    void wrote(String chain) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            committed(Set.of(chain));
            return;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof LinkAfterCommit pending) {
                pending.chains.add(chain);
                return;
            }
        }
        LinkAfterCommit pending = new LinkAfterCommit();
        pending.chains.add(chain);
        TransactionSynchronizationManager.registerSynchronization(pending);
    }

    private final class LinkAfterCommit implements TransactionSynchronization {
        final Set<String> chains = new LinkedHashSet<>();

        @Override
        public void afterCommit() {
            committed(chains);
        }
    }

    private void committed(Set<String> chains) {
        Set<String> later = atRequestEnd.get();
        if (later != null) {
            later.addAll(chains);
            return;
        }
        linkOrHandOver(chains);
    }

    /** Begins a web request whose commits are linked when {@link #requestEnded()} runs. */
    boolean requestBegins() {
        if (atRequestEnd.get() != null) {
            return false;
        }
        atRequestEnd.set(new LinkedHashSet<>());
        return true;
    }

    /** Ends the web request begun by {@link #requestBegins()}: links the chains its commits touched. */
    void requestEnded() {
        Set<String> chains = atRequestEnd.get();
        atRequestEnd.remove();
        if (chains != null && !chains.isEmpty()) {
            linkOrHandOver(chains);
        }
    }

    /**
     * Before a read of the log: links what this thread's request committed so far and, when the node's
     * writer links in the background, waits until it has linked everything handed to it before now, so
     * that a page shows its own request's entries and every one committed on this node before it.
     */
    void linkWhatThisRequestCommitted() {
        Set<String> chains = atRequestEnd.get();
        if (chains != null && !chains.isEmpty()) {
            List<String> now = List.copyOf(chains);
            chains.clear();
            linkOrHandOver(now);
        }
        if (!waitForLink) {
            awaitBackground(Duration.ofSeconds(10));
        }
    }

    private void linkOrHandOver(Collection<String> chains) {
        if (waitForLink) {
            chains.forEach(this::linkQuietly);
        } else {
            handOver(chains);
        }
    }

    // --- the node's writer thread (exitwork.audit.wait-for-link=false, the default) ---

    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    /** How many hand-overs there were, and up to which one everything is linked; guarded by {@link #signal}. */
    private long handedOver;
    private long linkedUpTo;
    private volatile boolean running = true;
    /** After the shutdown: the writer's own connections are closed (a late schedule finds nothing to do). */
    private volatile boolean closed;
    private Thread background;

    private void handOver(Collection<String> chains) {
        dirty.addAll(chains);
        synchronized (signal) {
            handedOver++;
            signal.notifyAll();
        }
    }

    private void runInBackground() {
        while (true) {
            long upTo;
            synchronized (signal) {
                while (running && handedOver == linkedUpTo) {
                    try {
                        signal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                // Every chain handed over up to here is in dirty already (added before the count).
                upTo = handedOver;
            }
            for (String chain : List.copyOf(dirty)) {
                dirty.remove(chain);
                try {
                    link(chain);
                } catch (RuntimeException e) {
                    log.warn("Could not link the waiting audit entries of chain {} now; the schedule will", chain, e);
                }
            }
            synchronized (signal) {
                linkedUpTo = upTo;
                signal.notifyAll();
            }
        }
    }

    /** Waits (at most {@code patience}) until the writer thread has linked everything handed to it before now. */
    void awaitBackground(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (signal) {
            long target = handedOver;
            while (running && linkedUpTo < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void linkQuietly(String chain) {
        try {
            linkCommitted(chain);
        } catch (RuntimeException e) {
            // The entries are committed and wait; the schedule links them.
            log.warn("Could not link the waiting audit entries of chain {} now; the schedule will", chain, e);
        }
    }

    /** Whose turn it is to link a chain on this node, and how far the committed entries are linked. */
    private static final class Turn {
        final ReentrantLock linker = new ReentrantLock();
        /** Tickets of commits that asked for a link; guarded by the turn itself. */
        long asked;
        /** Every commit up to this ticket is linked; guarded by the turn itself. */
        long linked;
    }

    private final ConcurrentHashMap<String, Turn> turns = new ConcurrentHashMap<>();

    /**
     * Returns once the entries this thread committed to {@code chain} are linked. The commits of this node
     * group: one thread links for everyone who committed before its link began, the others wait for it
     * instead of each running a writer transaction of its own (which would serialise them on the head).
     */
    void linkCommitted(String chain) {
        Turn turn = turns.computeIfAbsent(chain, c -> new Turn());
        long ticket;
        synchronized (turn) {
            ticket = ++turn.asked;
        }
        while (true) {
            synchronized (turn) {
                if (turn.linked >= ticket) {
                    return;
                }
            }
            if (turn.linker.tryLock()) {
                try {
                    long upTo;
                    synchronized (turn) {
                        if (turn.linked >= ticket) {
                            return;
                        }
                        // Every ticket up to here was taken after its commit: the link below sees those entries.
                        upTo = turn.asked;
                    }
                    link(chain);
                    synchronized (turn) {
                        turn.linked = Math.max(turn.linked, upTo);
                    }
                } finally {
                    turn.linker.unlock();
                    synchronized (turn) {
                        turn.notifyAll();
                    }
                }
            } else {
                synchronized (turn) {
                    if (turn.linked < ticket && turn.linker.isLocked()) {
                        try {
                            turn.wait(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        }
    }

    /** Links every waiting entry of every chain: on schedule, at start and at shutdown. */
    @Scheduled(initialDelayString = "${exitwork.audit.link-interval:PT5S}",
            fixedDelayString = "${exitwork.audit.link-interval:PT5S}")
    void linkEverythingWaiting() {
        if (closed) {
            return;
        }
        List<String> chains;
        try {
            chains = jdbc.sql("SELECT chain FROM aud_pending GROUP BY chain").query(String.class).list();
        } catch (RuntimeException e) {
            log.warn("Could not look for waiting audit entries now; the next schedule will", e);
            return;
        }
        chains.forEach(this::linkQuietly);
    }

    @PreDestroy
    void atShutdown() {
        // Before the shutdown checkpoint (Checkpoints is destroyed after this bean, which depends on it).
        if (background != null) {
            awaitBackground(Duration.ofSeconds(10));
            running = false;
            synchronized (signal) {
                signal.notifyAll();
            }
            try {
                background.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            linkEverythingWaiting();
        } finally {
            closed = true;
            if (connections instanceof HikariDataSource pool) {
                pool.close();
            }
        }
    }

    /**
     * Links every entry of {@code chain} waiting now, in transactions of at most {@link #BATCH}. Answers how many.
     * An organisation's chain is linked only once the installation chain's seal is in place: the seal names
     * where the earlier, unkeyed chain ends (for a database that never had one, at entry 0), and without it
     * someone with a database login could write an earlier chain of their own (SHA-256 needs no key) that every
     * verification believed and the first installation entry then sealed.
     */
    int link(String chain) {
        if (!sealSeen && !chain.equals(JdbcAuditLog.INSTALLATION)) {
            seal();
            sealSeen = true;
        }
        ensureHead(chain);
        int total = 0;
        int linked;
        do {
            Integer batch = own.execute(tx -> linkBatch(chain));
            linked = batch == null ? 0 : batch;
            total += linked;
            checkpoints.appended(linked);
        } while (linked >= BATCH); // a full batch, perhaps with the installation chain's seal before it
        return total;
    }

    private int linkBatch(String chain) {
        JdbcAuditLog.Head head = lockHead(chain);
        List<Waiting> waiting = jdbc.sql("SELECT id, entry_id, tag, occurred_at, org_id, actor_id, actor_name, action,"
                        + " subject, detail FROM aud_pending WHERE chain = ? ORDER BY id FETCH FIRST ? ROWS ONLY")
                .params(chain, BATCH)
                .query((rs, n) -> new Waiting(rs.getLong("id"), rs.getObject("entry_id", UUID.class), rs.getString("tag"),
                        new AuditEntry(0, instant(rs.getObject("occurred_at", OffsetDateTime.class)),
                                rs.getObject("org_id", UUID.class), rs.getObject("actor_id", UUID.class),
                                rs.getString("actor_name"), rs.getString("action"), rs.getString("subject"),
                                rs.getString("detail"))))
                .list();
        if (waiting.isEmpty()) {
            return 0;
        }
        Set<UUID> linkedBefore = new java.util.HashSet<>(jdbc.sql("SELECT entry_id FROM aud_entry WHERE entry_id IN (:ids)")
                .param("ids", waiting.stream().map(Waiting::entryId).toList())
                .query(UUID.class).list());
        List<Object[]> rows = new ArrayList<>(waiting.size() + 1);
        if (chain.equals(JdbcAuditLog.INSTALLATION) && head.seq() == 0) {
            head = add(rows, chain, head, JdbcAuditLog.sealEntry(jdbc, now()), null);
        }
        for (Waiting w : waiting) {
            String refused = linkedBefore.contains(w.entryId()) ? "was linked before and was offered again"
                    : !tagVerifies(chain, w) ? "does not carry this installation's tag" : null;
            if (refused == null) {
                // the same id twice in one batch (only if someone dropped the table's unique constraint): once
                linkedBefore.add(w.entryId());
                head = add(rows, chain, head, w.entry(), w.entryId());
            } else {
                // Written into the database by someone without the audit key: not linked, and said so in the chain.
                log.error("A waiting audit entry of chain {} {}: refused", chain, refused);
                head = add(rows, chain, head, refusal(chain, w, refused), null);
            }
        }
        append(chain, rows, head);
        batches.batchUpdate("DELETE FROM aud_pending WHERE id = ?",
                waiting.stream().map(w -> new Object[] {w.id()}).toList());
        return rows.size();
    }

    /**
     * Whether a waiting entry's tag verifies. A row no tag could have been made for (a time beyond what the
     * encoding holds, such as PostgreSQL's {@code infinity}, or a NULL where the application always writes a
     * value) is refused like a wrong tag: one such row must not fail every batch of its chain for good.
     */
    private boolean tagVerifies(String chain, Waiting w) {
        try {
            return EntryMac.waitingVerifies(keys.mac(), chain, w.entryId(), w.entry(), w.tag());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static java.time.Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** The organisation whose chain this is (none for the installation's), whatever a waiting row claims. */
    private static UUID organisationOf(String chain) {
        if (JdbcAuditLog.INSTALLATION.equals(chain)) {
            return null;
        }
        try {
            return UUID.fromString(chain);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static final String REFUSED_ACTION = "AUDIT_WAITING_ENTRY_REFUSED";

    private AuditEntry refusal(String chain, Waiting w, String reason) {
        AuditEntry claimed = w.entry();
        // In its chain's organisation, not the one the row claims: a row changed to name another organisation
        // must not show that organisation what this one's entry said.
        return new AuditEntry(0, now(), organisationOf(chain), null, "exitwork", REFUSED_ACTION, null,
                clip("a waiting entry " + reason + "; it claimed: " + claimed.action() + " by " + claimed.actorName()
                        + " about " + claimed.subject() + " at " + claimed.occurredAt()));
    }

    private static String clip(String value) {
        return value.length() <= 1000 ? value : value.substring(0, 1000);
    }

    /** Numbers and tags one entry after {@code head}; answers the new head. */
    private JdbcAuditLog.Head add(List<Object[]> rows, String chain, JdbcAuditLog.Head head, AuditEntry waiting,
            UUID entryId) {
        AuditEntry entry = new AuditEntry(head.seq() + 1, waiting.occurredAt(), waiting.organisationId(),
                waiting.actorId(), waiting.actorName(), waiting.action(), waiting.subject(), waiting.detail());
        String tag = EntryMac.of(keys.mac(), chain, entry, entryId, head.hash());
        rows.add(new Object[] {entry.seq(), Timestamp.from(entry.occurredAt()), entry.organisationId(), entry.actorId(),
                entry.actorName(), entry.action(), entry.subject(), entry.detail(), chain, head.hash(), tag, entryId});
        return new JdbcAuditLog.Head(entry.seq(), tag);
    }

    /** Appends numbered, tagged rows (see {@link #add}) to {@code chain} and moves its head to {@code head}. */
    private void append(String chain, List<Object[]> rows, JdbcAuditLog.Head head) {
        batches.batchUpdate("INSERT INTO aud_entry (" + JdbcAuditLog.COLUMNS + ", prev_hash, hash, entry_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        jdbc.sql("UPDATE aud_chain SET last_seq = ?, last_mac = ? WHERE chain = ?").params(head.seq(), head.hash(), chain)
                .update();
    }

    /** Seals the earlier global chain into the installation chain, once (see JdbcAuditLog#sealLegacyChain). */
    void seal() {
        ensureHead(JdbcAuditLog.INSTALLATION);
        Boolean sealed = own.execute(tx -> {
            JdbcAuditLog.Head head = lockHead(JdbcAuditLog.INSTALLATION);
            if (head.seq() == 0) {
                List<Object[]> rows = new ArrayList<>(1);
                head = add(rows, JdbcAuditLog.INSTALLATION, head, JdbcAuditLog.sealEntry(jdbc, now()), null);
                append(JdbcAuditLog.INSTALLATION, rows, head);
                return true;
            }
            return false;
        });
        if (Boolean.TRUE.equals(sealed)) {
            checkpoints.appended(1);
        }
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private void ensureHead(String chain) {
        if (!knownChains.contains(chain)) {
            createHead(chain);
            knownChains.add(chain);
        }
    }

    private JdbcAuditLog.Head lockHead(String chain) {
        return jdbc.sql("SELECT last_seq, last_mac FROM aud_chain WHERE chain = ? FOR UPDATE").param(chain)
                .query((rs, n) -> new JdbcAuditLog.Head(rs.getLong(1), rs.getString(2).trim()))
                .single();
    }

    /**
     * A new organisation's head row, created in a short transaction of its own before the chain's first
     * link: an insert racing another node's would otherwise fail the link's whole transaction on PostgreSQL.
     */
    private void createHead(String chain) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM aud_chain WHERE chain = ?").param(chain).query(Long.class)
                .single() > 0;
        if (exists) {
            return;
        }
        try {
            own.executeWithoutResult(tx -> jdbc.sql(
                    "INSERT INTO aud_chain (chain, org_id, last_seq, last_mac) VALUES (?, ?, 0, ?)")
                    .params(chain, chain.equals(JdbcAuditLog.INSTALLATION) ? null : UUID.fromString(chain),
                            EntryMac.GENESIS)
                    .update());
        } catch (DuplicateKeyException e) {
            // another node created it meanwhile
        }
    }

    private record Waiting(long id, UUID entryId, String tag, AuditEntry entry) {
    }
}
