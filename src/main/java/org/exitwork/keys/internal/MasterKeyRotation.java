package org.exitwork.keys.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import org.exitwork.keys.internal.KeyRepository.Wrapped;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.exitwork.keys.KeyRotation;
import org.exitwork.keys.UnreadableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation in steps that each survive a kill -9: (1) the key file gains a new primary version, the old
 * ones stay, so every wrapped key keeps opening; (2) the keys not yet wrapped by the primary are
 * re-wrapped in batches, each its own transaction, each row only if nobody changed it meanwhile;
 * (3) a version no row needs any more is retired; (4) a version retired longer than the erasure horizon
 * is removed from the key file. A run picks up wherever the last one stopped. A cluster-wide lock
 * (the platform's ShedLock provider on {@code plf_shedlock}, kept alive while the run lasts) lets one node at a time do it.
 */
@Service
class MasterKeyRotation implements KeyRotation, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    static final String LOCK = "key_rotation";

    /** A table of wrapped keys and how its rows are addressed. */
    private record Table(String name, String keyColumn, String noun, Function<Object, byte[]> ad) {
    }

    private static final Table CLIENTS = new Table("key_client", "client_id", "client keys",
            key -> Envelope.clientAd((UUID) key));
    private static final Table SYSTEM = new Table("key_system", "name", "system keys",
            key -> Envelope.systemAd((String) key));

    private final MasterKeyFile master;
    private final KeyRepository keys;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final KeySettings settings;
    private final ScheduledExecutorService keepAlive;
    private final LockingTaskExecutor locks;

    MasterKeyRotation(MasterKeyFile master, DataSource dataSource, PlatformTransactionManager transactions,
            Clock clock, ApplicationEventPublisher events, KeySettings settings, ExtensibleLockProvider jobLocks) {
        this.master = master;
        this.keys = new KeyRepository(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "key-rotation-lock");
            t.setDaemon(true);
            return t;
        });
        this.locks = new DefaultLockingTaskExecutor(new KeepAliveLockProvider(jobLocks, keepAlive));
    }

    @Override
    public Result rotateMasterKey(Consumer<String> progress) {
        return locked(true, progress).orElseThrow(Busy::new);
    }

    @Override
    public Optional<Result> maintain(Consumer<String> progress) {
        return locked(false, progress);
    }

    @Override
    public List<Version> versions() {
        long primary = master.current().primaryId();
        return master.versions().stream().map(v -> new Version(Long.toUnsignedString(v.id()), v.createdAt(),
                v.retiredAt(), v.destroyedAt(), v.id() == primary)).toList();
    }

    private Optional<Result> locked(boolean force, Consumer<String> progress) {
        try {
            LockingTaskExecutor.TaskResult<Result> result = locks.executeWithLock(() -> run(force, progress),
                    new LockConfiguration(Instant.now(), LOCK, settings.lockAtMostFor(), Duration.ZERO));
            return result.wasExecuted() ? Optional.of(result.getResult()) : Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("key rotation failed", e);
        }
    }

    private Result run(boolean force, Consumer<String> progress) {
        master.saveVersions();
        boolean rotate = force || due();
        if (rotate) {
            long id = master.addPrimary();
            say(progress, "master key version " + Long.toUnsignedString(id) + " is now primary");
        }
        int clients = rewrap(CLIENTS, progress);
        int system = rewrap(SYSTEM, progress);
        String primary = Long.toUnsignedString(master.current().primaryId());
        if (rotate || clients + system > 0) {
            events.publishEvent(new Rotated(primary, rotate, clients, system));
        }
        retire();
        List<String> destroyed = destroyPastHorizon(progress);
        return new Result(rotate, primary, clients, system, destroyed);
    }

    /** The primary is due once it is a rotation interval old; one check early, so a check never makes it later. */
    private boolean due() {
        long primary = master.current().primaryId();
        return master.versions().stream().filter(v -> v.id() == primary).findFirst()
                .map(v -> !v.createdAt().plus(settings.rotationInterval()).minus(settings.checkEvery())
                        .isAfter(clock.instant()))
                .orElse(true);
    }

    /** Re-wraps every row of the table not yet wrapped by the primary, in batches; returns how many. */
    private int rewrap(Table table, Consumer<String> progress) {
        long primary = master.current().primaryId();
        Long total = keys.countNotWrappedBy(table.name(), primary);
        if (total == null || total == 0) {
            return 0;
        }
        int done = 0;
        int unreadable = 0;
        int reported = 0;
        Object last = null;
        while (true) {
            List<Wrapped> rows = keys.notWrappedBy(table.name(), table.keyColumn(), primary, last, settings.batchSize());
            if (rows.isEmpty()) {
                break;
            }
            MasterKeyFile.Snapshot target = master.current();
            List<Object[]> updates = new ArrayList<>(rows.size());
            for (Wrapped row : rows) {
                try {
                    Envelope.Wrapped rewrapped = Envelope.rewrap(row.wrapped(), target, table.ad().apply(row.key()));
                    updates.add(new Object[] {rewrapped.bytes(), rewrapped.by(), row.key(), row.wrapped()});
                } catch (UnreadableException e) {
                    // Wrapped by a version that no longer exists, or damaged: it opens nothing and needs nothing.
                    unreadable++;
                }
            }
            // A row erased or changed since it was read is left alone (0 rows updated): never resurrected.
            int[][] counts = tx.execute(status -> keys.rewrap(table.name(), table.keyColumn(), updates));
            for (int[] batch : counts) {
                for (int n : batch) {
                    done += n > 0 || n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
                }
            }
            last = rows.get(rows.size() - 1).key();
            if (done - reported >= settings.progressEvery()) {
                reported = done;
                say(progress, String.format(Locale.ROOT, "re-wrapped %,d of %,d %s", done, total, table.noun()));
            }
        }
        if (reported != done) {
            say(progress, String.format(Locale.ROOT, "re-wrapped %,d of %,d %s", done, total, table.noun()));
        }
        if (unreadable > 0) {
            log.warn("{} rows of {} open with no master key version left; they stay as they are", unreadable,
                    table.name());
        }
        return done;
    }

    /**
     * A version that no row needs any more is retired now: backups taken until now may hold rows wrapped
     * by it, so its horizon starts now. Once retired, it stays retired even if rows wrapped by it turn
     * up again (a node that had not yet seen the new key file, a restored backup): they are re-wrapped
     * within the hour, and the promise to erased clients (gone at the horizon) outranks a backup taken
     * in that hour.
     */
    private void retire() {
        long primary = master.current().primaryId();
        Instant now = clock.instant();
        for (VersionsFile.Entry v : master.versions()) {
            if (v.id() == primary || !v.exists()) {
                continue;
            }
            if (v.retired() == null && !needed(v.id())) {
                master.retire(v.id(), now);
            }
        }
    }

    private List<String> destroyPastHorizon(Consumer<String> progress) {
        long primary = master.current().primaryId();
        Instant now = clock.instant();
        List<String> destroyed = new ArrayList<>();
        for (VersionsFile.Entry v : master.versions()) {
            if (v.id() == primary || !v.exists() || v.retiredAt() == null
                    || v.retiredAt().plus(settings.erasureHorizon()).isAfter(now)) {
                continue;
            }
            if (needed(v.id())) {
                log.warn("Master key version {} is past the erasure horizon but still wraps a key; kept",
                        Long.toUnsignedString(v.id()));
                continue;
            }
            master.destroy(v.id());
            String id = Long.toUnsignedString(v.id());
            destroyed.add(id);
            events.publishEvent(new VersionDestroyed(id, v.createdAt(), v.retiredAt()));
            say(progress, "master key version " + id + " destroyed (retired " + v.retired() + ")");
        }
        return destroyed;
    }

    /** Whether a live row can only be opened with this version (rows from before wrapped_by by their Tink prefix). */
    private boolean needed(long version) {
        MasterKeyFile.Snapshot now = master.current();
        for (Table table : List.of(CLIENTS, SYSTEM)) {
            List<Wrapped> rows = keys.wrappedByOrUnknown(table.name(), table.keyColumn(), version);
            for (Wrapped row : rows) {
                long by = row.wrappedBy() != null ? row.wrappedBy() : Envelope.wrappedBy(row.wrapped());
                if (by != version) {
                    continue;
                }
                try {
                    Envelope.unwrap(row.wrapped(), now.aead(), table.ad().apply(row.key()));
                    return true;
                } catch (UnreadableException e) {
                    // damaged: needs nothing
                }
            }
        }
        return false;
    }

    private static void say(Consumer<String> progress, String line) {
        log.info("Key rotation: {}", line);
        progress.accept(line);
    }

    @Override
    public void destroy() {
        keepAlive.shutdownNow();
    }
}
