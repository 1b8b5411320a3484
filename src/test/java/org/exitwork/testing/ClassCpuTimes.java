package org.exitwork.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Where the test run's processor time goes: for each test class, the CPU seconds of the thread that ran
 * it (wall seconds mislead on two shared cores, where every lane waits for the others). Written to
 * {@code target/class-cpu-<database>.txt}, most expensive first, when the run ends. Child processes,
 * Chromium and the application's own background threads are not counted; the JVM's total is the last
 * line. Keeping the README's test command short starts from this list.
 */
public class ClassCpuTimes implements TestExecutionListener {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> cpu = new ConcurrentHashMap<>();

    @Override
    public void executionStarted(TestIdentifier id) {
        if (isTopLevelClass(id)) {
            startedAt.put(id.getUniqueId(), THREADS.getCurrentThreadCpuTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long start = startedAt.remove(id.getUniqueId());
        if (start != null) {
            cpu.merge(id.getLegacyReportingName(), THREADS.getCurrentThreadCpuTime() - start, Long::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (cpu.isEmpty()) {
            return;
        }
        String database = System.getProperty("exitwork.test.database", "h2");
        long total = cpu.values().stream().mapToLong(Long::longValue).sum();
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        String lines = cpu.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> String.format("%8.1f s  %s", e.getValue() / 1e9, e.getKey()))
                .collect(Collectors.joining("\n"));
        String report = lines + String.format("%n%8.1f s  all test classes' threads%n%8.1f s  this JVM in all%n",
                total / 1e9, process / 1e9);
        try {
            Path file = Path.of("target", "class-cpu-" + database + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("ClassCpuTimes: " + e);
        }
    }

    private static boolean isTopLevelClass(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).isPresent()
                && id.getParentIdObject().map(p -> !p.toString().contains("[class:")).orElse(false);
    }
}
