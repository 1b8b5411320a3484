package org.exitwork.bench.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.exitwork.ExitworkApplication;
import org.exitwork.bench.BenchApplication;

/**
 * The time to the first page on the embedded default (issue 19): the application started as a user
 * starts it, {@code java -jar target/exitwork.jar} (or, without the jar, the main class on this JVM's
 * test class path, which the output says), each time in a fresh temporary {@code EXITWORK_DATA_DIR}
 * (a first start: schema, master key and audit keys are created) and then again on that directory (a
 * later start), on a free port; it asks {@code GET /} until the first HTTP answer and reports the time
 * from starting the process to that answer, and the CPU time the JVM had used by then.
 * <p>
 * Settings, as {@code -Dbench.startup="runs=5 compare=/tmp/before.jar"} through the {@code bench}
 * profile: {@code runs} (5), {@code jar} (target/exitwork.jar), {@code options} (JVM options of the
 * measured start, none by default: as a user starts it), {@code compare} (a second jar, e.g. one built
 * before a change) and {@code compare-options} (JVM options of the second start; with these alone,
 * the same jar is compared with other options). The two are started in turns, run by run, so that a
 * change in the machine's load falls on both.
 */
public final class StartupBenchmark {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    /** One way to start the application: a label and the command line up to the application's arguments. */
    record Launch(String label, String description, List<String> command) {
    }

    /** One start: milliseconds to the first answer, the JVM's CPU milliseconds by then, the answer. */
    record Start(long millis, long cpuMillis, String answer) {
    }

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(System.getProperty("bench.startup", ""), args);
        int runs = Integer.parseInt(settings.getOrDefault("runs", "5"));
        List<Launch> launches = new ArrayList<>();
        Path jar = Path.of(settings.getOrDefault("jar", "target/exitwork.jar"));
        launches.add(launch("A", jar, words(settings.get("options"))));
        if (settings.containsKey("compare") || settings.containsKey("compare-options")) {
            Path other = settings.containsKey("compare") ? Path.of(settings.get("compare")) : jar;
            launches.add(launch("B", other, words(settings.get("compare-options"))));
        }
        String loadBefore = loadAverage();
        Map<String, List<Start>> first = new LinkedHashMap<>();
        Map<String, List<Start>> later = new LinkedHashMap<>();
        for (Launch launch : launches) {
            first.put(launch.label(), new ArrayList<>());
            later.put(launch.label(), new ArrayList<>());
        }
        for (int run = 1; run <= runs; run++) {
            for (Launch launch : launches) {
                Path dataDir = Files.createTempDirectory("exitwork-startup-");
                try {
                    Start a = start(launch, dataDir);
                    Start b = start(launch, dataDir);
                    first.get(launch.label()).add(a);
                    later.get(launch.label()).add(b);
                    System.out.printf(Locale.ROOT, "run %d %s: first start %,d ms (CPU %,d ms), later start %,d ms (CPU %,d ms)%n",
                            run, launch.label(), a.millis(), a.cpuMillis(), b.millis(), b.cpuMillis());
                } finally {
                    BenchApplication.delete(dataDir);
                }
            }
        }
        String loadAfter = loadAverage();
        print(launches, runs, first, later, loadBefore, loadAfter);
    }

    private static void print(List<Launch> launches, int runs, Map<String, List<Start>> first,
            Map<String, List<Start>> later, String loadBefore, String loadAfter) {
        System.out.println();
        System.out.println("Exitwork start-up: process start to the first answer to GET / (ms), " + runs
                + " runs each, on " + Runtime.getRuntime().availableProcessors() + " CPUs");
        for (Launch launch : launches) {
            System.out.println("  " + launch.label() + ": " + launch.description());
        }
        System.out.println("  load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAfter);
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %10s %10s   %s%n", "", "median", "min", "CPU median", "CPU min",
                "answer");
        for (Launch launch : launches) {
            row(launch.label() + " first start (new data dir)", first.get(launch.label()));
            row(launch.label() + " later start (same data dir)", later.get(launch.label()));
        }
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %10s %10s%n", "ratios", "median", "min", "CPU median", "CPU min");
        for (Launch launch : launches) {
            ratio(launch.label() + " later / first", later.get(launch.label()), first.get(launch.label()));
        }
        if (launches.size() == 2) {
            ratio("first start: A / B", first.get("A"), first.get("B"));
            ratio("later start: A / B", later.get("A"), later.get("B"));
        }
    }

    private static void row(String name, List<Start> starts) {
        System.out.printf(Locale.ROOT, "%-34s %,8d %,8d %,10d %,10d   %s%n", name, median(starts, false),
                min(starts, false), median(starts, true), min(starts, true),
                String.join(", ", starts.stream().map(Start::answer).distinct().toList()));
    }

    private static void ratio(String name, List<Start> a, List<Start> b) {
        System.out.printf(Locale.ROOT, "%-34s %7.2fx %7.2fx %9.2fx %9.2fx%n", name,
                (double) median(a, false) / median(b, false), (double) min(a, false) / min(b, false),
                (double) median(a, true) / median(b, true), (double) min(a, true) / min(b, true));
    }

    private static long median(List<Start> starts, boolean cpu) {
        long[] values = starts.stream().mapToLong(s -> cpu ? s.cpuMillis() : s.millis()).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static long min(List<Start> starts, boolean cpu) {
        return starts.stream().mapToLong(s -> cpu ? s.cpuMillis() : s.millis()).min().orElseThrow();
    }

    private static Launch launch(String label, Path jar, List<String> options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        String shown = options.isEmpty() ? "" : String.join(" ", options) + " ";
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            return new Launch(label, "java " + shown + "-jar " + jar + " (the jar)", command);
        }
        // No jar: the main class on this JVM's class path. That is the test class path, so the test
        // resources' initializers apply (e.g. the tests' quick password hashing), which a start does not use.
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExitworkApplication.class.getName()));
        return new Launch(label, "java " + shown + "-cp <test class path> " + ExitworkApplication.class.getName()
                + " (no jar at " + jar + ": run mvn -q -DskipTests package for the jar)", command);
    }

    /** Starts the application on {@code dataDir}, waits for the first answer to GET /, stops it again. */
    static Start start(Launch launch, Path dataDir) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(launch.command());
        command.add("--server.port=" + port);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EXITWORK_DATA_DIR", dataDir.toString());
        StringBuilder output = new StringBuilder();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        long started = System.nanoTime();
        Process process = builder.start();
        Thread reader = drain(process, output);
        try {
            while (true) {
                try {
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                    String answer = response.statusCode()
                            + response.headers().firstValue("Location").map(l -> " " + l).orElse("");
                    return new Start(millis, cpu, answer);
                } catch (IOException notYet) {
                    if (!process.isAlive()) {
                        reader.join(5_000);
                        throw new IllegalStateException("the application ended before it answered:\n" + output);
                    }
                    if (System.nanoTime() - started > LIMIT.toNanos()) {
                        throw new IllegalStateException("no answer within " + LIMIT + ":\n" + output);
                    }
                    Thread.sleep(20);
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            reader.join(5_000);
        }
    }

    private static Thread drain(Process process, StringBuilder output) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The process is gone; what it printed so far is kept.
            }
        }, "startup-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The machine's load average over 1, 5 and 15 minutes ({@code /proc/loadavg}), or the JVM's 1-minute figure. */
    static String loadAverage() {
        Path proc = Path.of("/proc/loadavg");
        try {
            if (Files.isReadable(proc)) {
                String[] parts = Files.readString(proc).trim().split("\\s+");
                return parts[0] + " " + parts[1] + " " + parts[2];
            }
        } catch (IOException e) {
            // Fall back to what the JVM knows.
        }
        return String.format(Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** {@code name=value} words of the property, then of the arguments (which win); values may not hold spaces except in options, which take the rest up to the next {@code name=}. */
    static Map<String, String> settings(String property, String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> words = new ArrayList<>(words(property));
        words.addAll(Arrays.asList(args));
        String last = null;
        for (String word : words) {
            int equals = word.indexOf('=');
            String name = equals > 0 ? word.substring(0, equals) : "";
            if (equals > 0 && !name.startsWith("-") && !name.contains(File.separator)) {
                last = name;
                settings.put(name, word.substring(equals + 1));
            } else if (last != null) {
                settings.put(last, (settings.get(last) + " " + word).trim());
            } else {
                throw new IllegalArgumentException("expected name=value, got " + word);
            }
        }
        return settings;
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }
}
