package org.exitwork.keys;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import org.exitwork.keys.internal.StandaloneKeys;
import org.springframework.modulith.NamedInterface;

/**
 * For benchmarks and tests only: the keys module alone, without Spring and without any other module,
 * on a database and a master-key file of the caller's choosing. No module may use it (it is a named
 * interface none of them declares).
 */
@NamedInterface("test-support")
public interface KeysAlone extends AutoCloseable {

    /**
     * The module on {@code dataSource}, its master key in {@code masterKeyFile}, locking through
     * {@code jobLocks} (the platform's job-lock provider); re-wraps {@code batchSize} keys per
     * transaction.
     */
    static KeysAlone open(DataSource dataSource, Path masterKeyFile, Clock clock, ExtensibleLockProvider jobLocks,
            int batchSize) {
        return StandaloneKeys.open(dataSource, masterKeyFile, clock, jobLocks, batchSize);
    }

    /** Creates the module's tables from its own migrations. */
    void createSchema();

    /** Adds {@code count} client keys (real Tink data keys wrapped by the current master key) for new clients. */
    void addClientKeys(int count);

    /** The rotation, exactly as {@code rotate-keys} runs it. */
    KeyRotation rotation();

    @Override
    void close();
}
