package org.exitwork.testing;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The PostgreSQL run in a JVM of its own: every test tagged {@code database} but not {@code browser}
 * or {@link #ENDPOINT_WALK}, on the test server ({@code -Dexitwork.test.database=postgresql}), with the same JUnit settings as
 * the H2 run. {@code PostgreSQLRunTest} starts it beside the H2 run and judges it by its exit status:
 * 0 when every test passed and some ran, 1 otherwise. It prints one line per test class and the
 * failures with their causes.
 */
public final class PostgresRun {

    /**
     * The three walks that look for a client's text on every GET page, filled with every id (R5, R7, R16:
     * {@code AssessmentStaysInsideTest}, {@code PartnersSeeNothingTest}, {@code NobodyRanksAnyoneTest}).
     * On PostgreSQL they took 48 of the run's 225 CPU seconds (3 December 2026). The SQL of the rules they
     * exercise (tandem, broken glass, the organisation) runs on PostgreSQL in {@code AuthorizationMatrixTest},
     * which calls every endpoint as every role, and in the access and repository tests: the full run walks on
     * H2 only. Named in a targeted run ({@code -Dtest=...}, or a package), they run on PostgreSQL too.
     */
    public static final String ENDPOINT_WALK = "endpoint-walk";

    private PostgresRun() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(inSurefiresOrder())
                .filters(TagFilter.includeTags("database"), TagFilter.excludeTags("browser", ENDPOINT_WALK))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, new ClassLines());
        TestExecutionSummary result = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        result.printFailuresTo(out, 25);
        out.printf("PostgreSQL run: %d tests, %d passed, %d failed, %d skipped, %d aborted, %d classes failed%n",
                result.getTestsFoundCount(), result.getTestsSucceededCount(), result.getTotalFailureCount(),
                result.getTestsSkippedCount(), result.getTestsAbortedCount(), result.getContainersFailedCount());
        out.flush();
        boolean passed = result.getTotalFailureCount() == 0 && result.getTestsSucceededCount() > 0;
        System.exit(passed ? 0 : 1);
    }

    /**
     * The test classes in the order Surefire runs them ({@code runOrder=filesystem}: the directory
     * listing's order, depth first, the same names it includes). The classes of one Spring context
     * share its database, and this run keeps the order the PostgreSQL run always had.
     */
    static List<ClassSelector> inSurefiresOrder() {
        try {
            Path root = Path.of(PostgresRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<ClassSelector> selectors = new ArrayList<>();
            collect(root.toFile(), "", selectors);
            return selectors;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(File dir, String packagePrefix, List<ClassSelector> selectors) {
        String[] names = dir.list();
        if (names == null) {
            return;
        }
        for (String name : names) {
            File file = new File(dir, name);
            if (file.isDirectory()) {
                if (!name.equals("jmh_generated")) {
                    collect(file, packagePrefix + name + ".", selectors);
                }
            } else if (name.endsWith(".class") && !name.contains("$")) {
                String simple = name.substring(0, name.length() - ".class".length());
                if (simple.startsWith("Test") || simple.endsWith("Test") || simple.endsWith("Tests")
                        || simple.endsWith("TestCase")) {
                    selectors.add(DiscoverySelectors.selectClass(packagePrefix + simple));
                }
            }
        }
    }

    /** One line per test class when it ends: its tests, failures and seconds. */
    static final class ClassLines implements TestExecutionListener {

        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> tests = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier id) {
            if (isClass(id)) {
                started.put(id.getUniqueId(), System.nanoTime());
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                String owner = owner(id);
                tests.computeIfAbsent(owner, k -> new AtomicLong()).incrementAndGet();
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failed.computeIfAbsent(owner, k -> new AtomicLong()).incrementAndGet();
                }
            }
            if (isClass(id) && id.getUniqueId().endsWith("]") && id.getUniqueId().lastIndexOf("/[class:") >= 0) {
                long nanos = System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime());
                String name = id.getLegacyReportingName();
                System.out.printf("PostgreSQL: %-60s %4d tests, %d failed, %6.1f s%s%n", name,
                        tests.getOrDefault(name, new AtomicLong()).get(), failed.getOrDefault(name, new AtomicLong()).get(),
                        nanos / 1e9, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? ""
                                : " CLASS " + result.getStatus() + ": " + result.getThrowable().map(Throwable::toString).orElse(""));
            }
        }

        private static boolean isClass(TestIdentifier id) {
            return id.getSource().filter(s -> s instanceof org.junit.platform.engine.support.descriptor.ClassSource).isPresent();
        }

        /** The top-level test class a test belongs to (nested classes count for their outer class). */
        private static String owner(TestIdentifier id) {
            String unique = id.getUniqueId();
            int at = unique.indexOf("[class:");
            if (at < 0) {
                return "";
            }
            int end = unique.indexOf(']', at);
            return unique.substring(at + 7, end);
        }
    }
}
