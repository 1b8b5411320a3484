package org.exitwork.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Remembers which suites could not run on this machine and says so loudly at the end of the run,
 * so a green build never hides that PostgreSQL or the browser tests were skipped.
 */
public class SkippedSuites implements TestExecutionListener {

    private static final Map<String, String> SKIPPED = new ConcurrentHashMap<>();

    static void skipped(String suite, String reason) {
        SKIPPED.putIfAbsent(suite, reason);
    }

    /** For a suite a test class of another package starts (the PostgreSQL run). */
    public static void skippedSuite(String suite, String reason) {
        skipped(suite, reason);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (SKIPPED.isEmpty()) {
            return;
        }
        StringBuilder banner = new StringBuilder("\n");
        banner.append("#".repeat(78)).append('\n');
        banner.append("#  SKIPPED SUITES: these tests did NOT run on this machine\n");
        SKIPPED.forEach((suite, reason) -> banner.append("#   - ").append(suite).append(": ").append(reason).append('\n'));
        banner.append("#  Set EXITWORK_REQUIRE_POSTGRES=1 / EXITWORK_REQUIRE_BROWSER=1 to make a skip a failure.\n");
        banner.append("#".repeat(78)).append('\n');
        System.out.println(banner);
    }
}
