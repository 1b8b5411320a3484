package org.exitwork.keys.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import org.exitwork.platform.JobLocks;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The keys module alone on an H2 file database in a data directory, without Spring: what a test and the
 * JVM it kills share. The schema comes from the module's own migrations.
 */
final class KeyStore implements AutoCloseable {

    final SingleConnectionDataSource dataSource;
    final MasterKeyFile master;
    final MasterKeyRotation rotation;

    KeyStore(Path dataDir, Clock clock, int batchSize, int progressEvery) {
        dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + dataDir.resolve("exitwork")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "exitwork", "", true);
        dataSource.setAutoCommit(true);
        master = new MasterKeyFile(dataDir.resolve("master-key.json"), clock);
        rotation = new MasterKeyRotation(master, dataSource, new DataSourceTransactionManager(dataSource), clock,
                event -> { }, new KeySettings(Duration.ofDays(1), Duration.ofDays(30), Duration.ofHours(1),
                        Duration.ofSeconds(30), batchSize, progressEvery), JobLocks.provider(dataSource));
    }

    void createSchema() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String migration : new String[] {"V1_1_0__keys.sql", "V1_19_0__key_versions.sql"}) {
                s.execute(new ClassPathResource("db/migration/keys/" + migration).getContentAsString(StandardCharsets.UTF_8));
            }
            s.execute(new ClassPathResource("db/migration/platform/V1_24_0__job_lock.sql")
                    .getContentAsString(StandardCharsets.UTF_8));
            s.execute("CREATE TABLE probe (client_id UUID PRIMARY KEY, sealed BYTEA NOT NULL)");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } finally {
            dataSource.destroy();
            rotation.destroy();
        }
    }
}
