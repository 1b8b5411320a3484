package org.exitwork;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.exitwork.testing.Lanes;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Execution;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.NoteWriters;
import org.exitwork.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Saved" means saved: eight writers add session notes in a JVM of their own, which is killed
 * mid-burst (destroyForcibly, as kill -9); after a restart on the same database every note that was
 * acknowledged is there and the audit chain verifies intact. On H2 this runs on the embedded file
 * database exactly as application.properties configures it (only the data directory differs); on
 * PostgreSQL on a schema of the test server.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
// Mostly waits for JVMs of its own: runs beside the Spring tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.PROCESSES)
class DurableWritesTest {

    private static final int ACKS_BEFORE_KILL = 300;

    @Test
    void everyAcknowledgedNoteSurvivesKillMinusNine() throws Exception {
        List<String> args = arguments();
        Path log = Files.createTempFile("exitwork-writers-", ".log");

        List<String> command = ExitworkProcess.java();
        command.addAll(List.of("-Xmx256m", NoteWriters.class.getName()));
        command.addAll(args);
        Process writers = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(log.toFile()).start();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(writers.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                        enough.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the stream ends with the process
            }
        });
        reader.start();
        boolean reached = enough.await(90, TimeUnit.SECONDS);
        writers.destroyForcibly();
        assertThat(writers.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(reached).as("writers acknowledged %d notes before the timeout; see %s", acknowledged.size(), log)
                .isTrue();
        assertThat(writers.exitValue()).as("killed, not exited by itself (see %s)", log).isEqualTo(137);

        ConfigurableApplicationContext restarted = new SpringApplicationBuilder(ExitworkApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                .run(args.toArray(String[]::new));
        try {
            Set<String> stored = new HashSet<>(restarted.getBean(JdbcClient.class)
                    .sql("SELECT client_id, session_date FROM cas_session_note")
                    .query((rs, n) -> rs.getObject(1, java.util.UUID.class) + " "
                            + rs.getObject(2, LocalDate.class))
                    .list());
            List<String> lost = acknowledged.stream().filter(ack -> !stored.contains(ack)).toList();
            assertThat(lost).as("of %d acknowledged notes, these were lost", acknowledged.size()).isEmpty();
            ChainVerification chain = restarted.getBean(AuditVerifier.class).verify();
            assertThat(chain.intact()).as("audit chain: %s", chain.problem()).isTrue();
            assertThat(chain.entriesChecked()).isGreaterThanOrEqualTo(acknowledged.size());
        } finally {
            restarted.close();
        }
    }

    /**
     * The database as Spring command-line arguments. On H2 only the data directory is given, so the
     * datasource URL is the one application.properties ships.
     */
    private static List<String> arguments() {
        Map<String, Object> db = TestDatabase.newDatabase();
        if (!TestDatabase.postgres()) {
            db.remove("spring.datasource.url");
        }
        List<String> args = new ArrayList<>();
        db.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }
}
