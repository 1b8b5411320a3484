package org.exitwork.keys.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import org.exitwork.keys.KeyRotation;
import org.exitwork.keys.KeysAlone;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** {@link KeysAlone}: the master-key file and the rotation, wired by hand as the Spring context would. */
public final class StandaloneKeys implements KeysAlone {

    private static final String[] MIGRATIONS = {"V1_1_0__keys.sql", "V1_19_0__key_versions.sql"};
    private static final int INSERT_BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MasterKeyFile master;
    private final MasterKeyRotation rotation;

    private StandaloneKeys(DataSource dataSource, Path masterKeyFile, Clock clock, ExtensibleLockProvider jobLocks,
            int batchSize) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.master = new MasterKeyFile(masterKeyFile, clock);
        // The shipped defaults (application.properties), progress lines off.
        this.rotation = new MasterKeyRotation(master, dataSource, new DataSourceTransactionManager(dataSource), clock,
                event -> { }, new KeySettings(Duration.ofDays(1), Duration.ofDays(30), Duration.ofHours(1),
                        Duration.ofMinutes(2), batchSize, Integer.MAX_VALUE), jobLocks);
    }

    public static StandaloneKeys open(DataSource dataSource, Path masterKeyFile, Clock clock,
            ExtensibleLockProvider jobLocks, int batchSize) {
        return new StandaloneKeys(dataSource, masterKeyFile, clock, jobLocks, batchSize);
    }

    @Override
    public void createSchema() {
        for (String migration : MIGRATIONS) {
            try {
                jdbc.execute(new ClassPathResource("db/migration/keys/" + migration).getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void addClientKeys(int count) {
        Timestamp now = Timestamp.from(clock.instant());
        for (int done = 0; done < count; done += INSERT_BATCH) {
            List<Object[]> rows = new ArrayList<>();
            MasterKeyFile.Snapshot current = master.current();
            for (int i = 0; i < Math.min(INSERT_BATCH, count - done); i++) {
                UUID client = UUID.randomUUID();
                Envelope.Wrapped wrapped = Envelope.wrap(Envelope.newDataKey(), current, Envelope.clientAd(client));
                rows.add(new Object[] {client, UUID.randomUUID(), wrapped.bytes(), wrapped.by(), now});
            }
            jdbc.batchUpdate("INSERT INTO key_client (client_id, org_id, wrapped_keyset, wrapped_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", rows);
        }
    }

    @Override
    public KeyRotation rotation() {
        return rotation;
    }

    @Override
    public void close() {
        rotation.destroy();
    }
}
