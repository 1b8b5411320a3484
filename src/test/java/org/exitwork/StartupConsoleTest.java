package org.exitwork;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.exitwork.testing.Lanes;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Execution;
import java.nio.file.Files;
import java.util.List;

import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.ExitworkProcess.Served;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console at start-up, as an operator sees it with the shipped logging levels: a few lines of
 * Exitwork's own, then a banner that says where to go next, and nothing of the frameworks' chatter.
 */
// Mostly waits for JVMs of its own: runs beside the Spring tests (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.PROCESSES)
class StartupConsoleTest {

    private static final String RULE = "  ------------------------------------------------------------------------";

    @Test
    void aFirstStartEndsWithTheFirstRunLinkAfterFewLines() throws Exception {
        Served served = ExitworkProcess.serve(Files.createTempDirectory("exitwork-start-"), "First run: open");
        List<String> lines = served.output().lines().toList();
        String base = "http://localhost:" + served.port();
        int banner = lines.indexOf("  Exitwork is running at " + base + "/");
        assertThat(banner).as(served.output()).isPositive();
        assertThat(lines.subList(banner - 1, banner + 2)).containsExactly(RULE, "  Exitwork is running at " + base + "/",
                "  First run: open " + base + "/setup to create your organisation and its administrator.");
        List<String> before = lines.subList(0, banner - 1).stream().filter(l -> !l.isBlank()).toList();
        assertThat(before).as(served.output()).hasSizeLessThan(15)
                .noneMatch(l -> l.contains("o.s.") || l.contains("org.springframework") || l.contains("flyway")
                        || l.contains("hikari") || l.contains("catalina") || l.contains("Tomcat"));
        // What Exitwork itself says on a first start stays: the new key files and that they need a backup.
        assertThat(String.join("\n", before)).contains("Created a new master key at", "Created the audit keys at");
        assertThat(served.shutdown()).as(served.shutdown()).doesNotContain("Could not write an audit checkpoint")
                .doesNotContain("Database is already closed").doesNotContain("ERROR");
    }

    /**
     * On a stop the JVM runs its shutdown hooks side by side: H2's own (closing the file) would race the
     * application's, which writes the audit checkpoint of the shutdown and only then closes the pool. The
     * shipped embedded database registers none, so the race (seen once as "Database is already closed" in
     * the log of a stopped server) cannot happen; the stops below look for its trace as well.
     */
    @Test
    void theShippedEmbeddedDatabaseLeavesClosingToTheApplication() throws Exception {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        assertThat(shipped.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:")
                .contains(";DB_CLOSE_ON_EXIT=FALSE").contains(";WRITE_DELAY=0");
    }

    @Test
    void onceSetUpTheBannerPointsToTheSignIn() throws Exception {
        Served served = ExitworkProcess.serve(ExitworkProcess.demoInstallation().copy(), "Sign in at");
        List<String> lines = served.output().lines().toList();
        String base = "http://localhost:" + served.port();
        int banner = lines.indexOf("  Exitwork is running at " + base + "/");
        assertThat(banner).as(served.output()).isPositive();
        assertThat(lines.subList(banner - 1, banner + 2)).containsExactly(RULE, "  Exitwork is running at " + base + "/",
                "  Sign in at " + base + "/sign-in");
        assertThat(lines.subList(0, banner - 1).stream().filter(l -> !l.isBlank()).toList()).as(served.output())
                .hasSizeLessThan(15);
        // Stopped as a service manager stops it (SIGTERM): the embedded database stays open until the
        // application has written its shutdown checkpoint (H2 would close it first from its own hook).
        assertThat(served.shutdown()).as(served.shutdown()).doesNotContain("Could not write an audit checkpoint")
                .doesNotContain("Database is already closed").doesNotContain("ERROR");
    }
}
