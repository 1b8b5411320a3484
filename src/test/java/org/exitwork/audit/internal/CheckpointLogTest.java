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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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

    @Test
    void withTheLogSwitchedOnTheLoggerGetsTheFilesLineWordForWord() throws Exception {
        AuditRepository repository = repository();
        Checkpoints checkpoints = checkpoints(repository, true);

        assertThat(checkpoints.checkpoint()).hasValue(1);

        List<String> lines = Files.readAllLines(dir.resolve("audit-checkpoints.log"));
        assertThat(lines).hasSize(1);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(lines.get(0));
        assertThat(lines.get(0)).startsWith("exitwork-audit-checkpoint/1 no=1 at=2026-12-03T07:00:00Z ")
                .contains(" chains=installation:4:" + "a".repeat(64) + " sig=");
        verify(repository).insertCheckpoint(eq(1L), eq(NOW), anyString());
    }

    @Test
    void withTheLogSwitchedOffOnlyTheFileHasTheLine() throws Exception {
        AuditRepository repository = repository();
        Checkpoints checkpoints = checkpoints(repository, false);

        assertThat(checkpoints.checkpoint()).hasValue(1);

        assertThat(Files.readAllLines(dir.resolve("audit-checkpoints.log"))).hasSize(1);
        assertThat(logged.list).isEmpty();
    }

    private static AuditRepository repository() {
        AuditRepository repository = mock(AuditRepository.class);
        when(repository.checkpointHeads()).thenReturn(List.of(new CheckpointFile.ChainHead("installation", 4, "a".repeat(64))));
        when(repository.lastCheckpoint()).thenReturn(0L);
        return repository;
    }

    private Checkpoints checkpoints(AuditRepository repository, boolean toLog) {
        AuditSettings settings = new AuditSettings(dir.resolve("audit-keys.json"), dir.resolve("audit-checkpoints.log"),
                0, toLog);
        return new Checkpoints(repository, CheckpointFileTest.newKeys(), Clock.fixed(NOW, ZoneOffset.UTC),
                mock(PlatformTransactionManager.class), settings);
    }
}
