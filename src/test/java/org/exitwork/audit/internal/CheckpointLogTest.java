package org.exitwork.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exitwork.audit.checkpoint-log} (application.properties): with it, each checkpoint line goes to the
 * logger {@code org.exitwork.audit.checkpoint} as well, word for word the line of the file, so an operator
 * can route a copy where the database's administrators cannot write; without it, only to the file.
 */
class CheckpointLogTest {

    private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger sink = (Logger) LoggerFactory.getLogger("org.exitwork.audit.checkpoint");

    @BeforeEach
    void listen() {
        logged.start();
        sink.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        sink.detachAppender(logged);
    }

    /**
     * The two tables a checkpoint reads and writes, in a database of its own (no Spring, and no mocking
     * library: its agent slowed every class loaded after it in the test JVM).
     */
    private final JdbcDataSource database = new JdbcDataSource();
    private JdbcClient jdbc;

    @BeforeEach
    void tables() {
        database.setURL("jdbc:h2:mem:checkpoint-log-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(database);
        jdbc.sql("CREATE TABLE aud_chain (chain VARCHAR(64) PRIMARY KEY, org_id UUID, last_seq BIGINT NOT NULL,"
                + " last_mac CHAR(64) NOT NULL)").update();
        jdbc.sql("CREATE TABLE aud_checkpoint (checkpoint_no BIGINT PRIMARY KEY, written_at TIMESTAMP WITH TIME ZONE"
                + " NOT NULL, line_hash CHAR(64) NOT NULL)").update();
        jdbc.sql("INSERT INTO aud_chain (chain, last_seq, last_mac) VALUES ('installation', 4, ?)").param("a".repeat(64))
                .update();
    }

    @AfterEach
    void dropDatabase() {
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void withTheLogSwitchedOnTheLoggerGetsTheFilesLineWordForWord() throws Exception {
        Checkpoints checkpoints = checkpoints(true);

        assertThat(checkpoints.checkpoint()).hasValue(1);

        List<String> lines = Files.readAllLines(dir.resolve("audit-checkpoints.log"));
        assertThat(lines).hasSize(1);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(lines.get(0));
        assertThat(lines.get(0)).startsWith("exitwork-audit-checkpoint/1 no=1 at=2026-12-03T07:00:00Z ")
                .contains(" chains=installation:4:" + "a".repeat(64) + " sig=");
        assertThat(jdbc.sql("SELECT line_hash FROM aud_checkpoint WHERE checkpoint_no = 1").query(String.class).single())
                .isEqualTo(CheckpointFile.hash(lines.get(0)));
    }

    @Test
    void withTheLogSwitchedOffOnlyTheFileHasTheLine() throws Exception {
        Checkpoints checkpoints = checkpoints(false);

        assertThat(checkpoints.checkpoint()).hasValue(1);

        assertThat(Files.readAllLines(dir.resolve("audit-checkpoints.log"))).hasSize(1);
        assertThat(logged.list).isEmpty();
    }

    private Checkpoints checkpoints(boolean toLog) {
        AuditSettings settings = new AuditSettings(dir.resolve("audit-keys.json"), dir.resolve("audit-checkpoints.log"),
                0, toLog, 1, true);
        return new Checkpoints(new AuditRepository(jdbc, database), CheckpointFileTest.newKeys(),
                Clock.fixed(NOW, ZoneOffset.UTC), new DataSourceTransactionManager(database), settings);
    }
}
