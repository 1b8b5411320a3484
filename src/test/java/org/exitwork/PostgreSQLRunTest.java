package org.exitwork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.PostgresRun;
import org.exitwork.testing.SkippedSuites;
import org.exitwork.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL run of the README's test command, beside the H2 run instead of after it: every
 * database test again, on the test server, in a JVM of its own ({@link PostgresRun}), while this JVM
 * goes on with the H2 tests. Both runs keep a core busy only part of the time, so on two cores the
 * whole command takes little more than the longer of the two.
 * <p>
 * The run's output, one line per class and every failure with its cause, is in
 * {@code target/postgres-run.log}; a failure there fails this test with the summary. A targeted run
 * ({@code mvn test -Dtest=...}) does not select this class: the pom then runs the selected classes on
 * PostgreSQL afterwards, in Surefire's {@code postgres} execution.
 */
// First, so the longest lane starts at once; beside everything else (junit-platform.properties).
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
class PostgreSQLRunTest {

    @Test
    void everyDatabaseTestPassesOnPostgreSQL() throws Exception {
        String problem = TestDatabase.postgresProblem();
        if (problem != null) {
            if ("1".equals(System.getenv("EXITWORK_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("EXITWORK_REQUIRE_POSTGRES=1 but " + problem);
            }
            SkippedSuites.skippedSuite("PostgreSQL suite", problem);
            Assumptions.abort("SKIPPED on PostgreSQL: " + problem);
        }
        List<String> command = ExitworkProcess.longLivedJava(List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m", "-XX:+UseSerialGC",
                "-Dh2.objectCache=false", "-Dexitwork.test.database=postgresql",
                "-Dexitwork.test.postgres.url=" + System.getProperty("exitwork.test.postgres.url",
                        "jdbc:postgresql://localhost:5432/exitwork_test")));
        command.add(PostgresRun.class.getName());
        Path log = Path.of("target", "postgres-run.log");
        Files.createDirectories(log.getParent());
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!run.waitFor(40, TimeUnit.MINUTES)) {
            run.destroyForcibly();
            throw new AssertionError("the PostgreSQL run did not finish in 40 minutes; see " + log.toAbsolutePath());
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String summary = output.lines().filter(l -> l.startsWith("PostgreSQL run: ")).reduce((a, b) -> b)
                .orElse("PostgreSQL run: no summary (the JVM died?)");
        // Loud in the build's output, as Surefire's own summary is for the H2 run.
        System.out.println("\n" + summary + " (details: " + log.toAbsolutePath() + ")\n");
        assertThat(run.exitValue()).as(summary + "\n" + failures(output) + "\nsee " + log.toAbsolutePath())
                .isZero();
    }

    /** The failures part of the run's output, for the assertion message. */
    private static String failures(String output) {
        int start = output.indexOf("Failures (");
        return start < 0 ? tail(output) : output.substring(start, Math.min(output.length(), start + 20_000));
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 8_000));
    }
}
