package org.exitwork.bench.startup;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.exitwork.ExitworkApplication;
import org.exitwork.bench.BenchApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Where one start of the application spends its time: the web application started in this JVM (the
 * test class path) on a fresh temporary data directory, or on {@code dir=<path>} for a later start, with
 * Spring's {@link BufferingApplicationStartup}; prints the steps that took longest by their own time
 * (without the steps inside them), the same summed by step name, and the classes loaded. A diagnosis for
 * {@link StartupBenchmark}, not a measurement of its own: one start, in a JVM that also holds the test
 * class path.
 * <p>
 * {@code mvn -Pbench -o -q test-compile exec:exec -Dbench.main=org.exitwork.bench.startup.StartupSteps
 * -Dbench.startup="top=40"}; {@code dir=<data directory>} for a later start, {@code app=--name=value ...} for
 * further arguments of the application.
 */
public final class StartupSteps {

    private record Step(long id, Long parent, String name, String tags, long nanos) {
    }

    private StartupSteps() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = StartupBenchmark.settings(System.getProperty("bench.startup", ""), args);
        int top = Integer.parseInt(settings.getOrDefault("top", "30"));
        Path dataDir = settings.containsKey("dir") ? Path.of(settings.get("dir"))
                : Files.createTempDirectory("exitwork-steps-");
        boolean fresh = !Files.exists(dataDir.resolve("exitwork.mv.db"));
        long started = System.nanoTime();
        SpringApplication application = new SpringApplication(ExitworkApplication.class);
        BufferingApplicationStartup startup = new BufferingApplicationStartup(200_000);
        application.setApplicationStartup(startup);
        List<String> arguments = new ArrayList<>(List.of("--exitwork.data-dir=" + dataDir.toAbsolutePath(),
                "--server.port=0"));
        // app=--name=value ...: further arguments of the application, e.g. to try a setting.
        if (settings.containsKey("app")) {
            arguments.addAll(List.of(settings.get("app").split("\\s+")));
        }
        ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
        long ready = System.nanoTime() - started;
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long jvmUp = ManagementFactory.getRuntimeMXBean().getUptime();
        StartupTimeline timeline = startup.drainBufferedTimeline();
        context.close();
        if (!settings.containsKey("dir")) {
            BenchApplication.delete(dataDir);
        }
        List<Step> steps = new ArrayList<>();
        Map<Long, Long> children = new HashMap<>();
        for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
            StartupStep step = event.getStartupStep();
            String tags = StreamSupport.stream(step.getTags().spliterator(), false)
                    .map(t -> t.getKey() + "=" + shorten(t.getValue())).collect(Collectors.joining(", "));
            long nanos = event.getDuration().toNanos();
            steps.add(new Step(step.getId(), step.getParentId(), step.getName(), tags, nanos));
            if (step.getParentId() != null) {
                children.merge(step.getParentId(), nanos, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%n%s start, application run %,d ms (JVM up %,d ms), %,d classes loaded%n",
                fresh ? "First" : "Later", Duration.ofNanos(ready).toMillis(), jvmUp, classes);
        System.out.printf(Locale.ROOT, "%nTop %d steps by own time (ms, own / with the steps inside):%n", top);
        steps.stream().sorted(Comparator.comparingLong((Step s) -> -(s.nanos() - children.getOrDefault(s.id(), 0L))))
                .limit(top).forEach(s -> System.out.printf(Locale.ROOT, "%7d %7d  %s %s%n",
                        ms(s.nanos() - children.getOrDefault(s.id(), 0L)), ms(s.nanos()), s.name(), s.tags()));
        Map<String, long[]> byName = new TreeMap<>();
        for (Step s : steps) {
            long[] sum = byName.computeIfAbsent(s.name(), n -> new long[2]);
            sum[0] += s.nanos() - children.getOrDefault(s.id(), 0L);
            sum[1]++;
        }
        System.out.printf(Locale.ROOT, "%nOwn time by step name (ms, count):%n");
        byName.entrySet().stream().sorted(Comparator.comparingLong(e -> -e.getValue()[0]))
                .forEach(e -> System.out.printf(Locale.ROOT, "%7d %6d  %s%n", ms(e.getValue()[0]), e.getValue()[1],
                        e.getKey()));
        System.exit(0);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String shorten(String value) {
        return value.length() > 120 ? value.substring(0, 117) + "..." : value;
    }
}
