package org.exitwork.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.exitwork.ExitworkApplication;

/** Runs {@code java -jar exitwork.jar <command>} as a user would: a JVM of its own on a data directory. */
public final class ExitworkProcess {

    /** What a command run answered: its exit status and everything it printed. */
    public record Run(int status, String output) {
    }

    /** A data directory after {@code demo-data}, and what that run printed. */
    public record DemoInstallation(Path template, Run demoData) {

        /** A private copy of the demo installation, for one test to change as it likes. */
        public Path copy() {
            try {
                Path dir = Files.createTempDirectory("exitwork-cli-");
                try (Stream<Path> files = Files.list(template)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Options for a JVM a test starts: such a JVM lives for seconds, and the quick compiler alone
     * starts it at less than half the CPU (the optimising one only pays off in long runs).
     */
    private static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    /** The class path of the started JVMs: this JVM's, its class directories as jars (see {@link #java}). */
    private static String classPath;

    /** The class-data archive the demo installation's run wrote, once it is complete; null until then. */
    private static volatile Path classArchive;

    private static DemoInstallation demo;

    private ExitworkProcess() {
    }

    /**
     * The start of the command line of a JVM a test starts: {@code java}, the options for a short life
     * and the class path; the caller adds the main class and its arguments.
     * <p>
     * Loading Spring's classes is most of such a JVM's start, and the run starts some thirty of them.
     * The JDK keeps loaded classes in a class-data archive (CDS), which it only writes for class paths
     * of jars, so the class directories go in as jars made once per test JVM. The demo installation's
     * run, the one every command-line test waits for anyway, writes the archive; JVMs started before it
     * is complete run without one. A JVM that cannot use the archive (it never happens within one run)
     * runs without it as well: {@code -Xshare:auto}.
     */
    public static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHORT_LIVED_JVM);
        Path archive = classArchive;
        if (archive != null) {
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.addAll(List.of("-cp", classPath()));
        return command;
    }

    /**
     * A JVM that lives as long as a test run: these options and this JVM's own class path, class
     * directories as they are (a class-data archive would not pay for itself here, and the module
     * checks tell test classes from the application's by their directory).
     */
    public static List<String> longLivedJava(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }

    private static synchronized String classPath() {
        if (classPath == null) {
            try {
                Path jars = Files.createTempDirectory("exitwork-test-jars-");
                deleteAtExit(jars);
                List<String> entries = new ArrayList<>();
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    Path path = Path.of(entry);
                    if (Files.isDirectory(path)) {
                        Path jar = jars.resolve(entries.size() + "-" + path.getFileName() + ".jar");
                        ClassDirectoryJar.write(path, jar);
                        entries.add(jar.toString());
                    } else {
                        entries.add(entry);
                    }
                }
                classPath = String.join(File.pathSeparator, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classPath;
    }

    /** The jars and the archive take ~80 MB a run: gone with the test JVM. */
    private static void deleteAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A temporary directory left behind is no failure of the run.
            }
        }));
    }

    /**
     * The demo installation, made once per test JVM: {@code demo-data} on an empty data directory is
     * the one slow start every command-line test builds on, and nobody changes the template itself.
     */
    public static synchronized DemoInstallation demoInstallation() throws Exception {
        if (demo == null) {
            Path template = Files.createTempDirectory("exitwork-cli-demo-");
            Path archiveDir = Files.createTempDirectory("exitwork-test-cds-");
            deleteAtExit(archiveDir);
            Path archive = archiveDir.resolve("exitwork.jsa");
            demo = new DemoInstallation(template, run(template, List.of("-XX:ArchiveClassesAtExit=" + archive,
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), "demo-data"));
            if (demo.demoData().status() == 0 && Files.isRegularFile(archive)) {
                classArchive = archive;
            }
        }
        return demo;
    }

    /**
     * Starts the server ({@code serve}) on a data directory and a free port, with the logging levels
     * the jar ships with (nothing overridden), waits until it prints {@code untilLine}, then stops it as an
     * operator's service manager does (SIGTERM) and answers everything it printed up to then, what it
     * printed while it shut down, and the port it listened on.
     */
    public static Served serve(Path dataDir, String untilLine) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = java();
        command.add(ExitworkApplication.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EXITWORK_DATA_DIR", dataDir.toString());
        builder.environment().put("EXITWORK_PORT", Integer.toString(port));
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        StringBuilder shutdown = new StringBuilder();
        java.util.concurrent.CompletableFuture<Void> seen = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> ended = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        (seen.isDone() ? shutdown : output).append(line).append('\n');
                    }
                    if (!seen.isDone() && line.contains(untilLine)) {
                        seen.complete(null);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            seen.get(180, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Stopped below; the test then finds the line missing in what was printed.
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        try {
            ended.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // What was read so far is what there is.
        }
        synchronized (output) {
            return new Served(port, output.toString(), shutdown.toString());
        }
    }

    /** What a started server printed before it was stopped, what it printed while it shut down, and its port. */
    public record Served(int port, String output, String shutdown) {
    }

    public static Run run(Path dataDir, String... args) throws Exception {
        return run(dataDir, List.of(), args);
    }

    /** The same with options for the JVM ({@code -Xmx128m}) before the main class. */
    public static Run run(Path dataDir, List<String> jvmOptions, String... args) throws Exception {
        return runMain(dataDir, jvmOptions, ExitworkApplication.class, args);
    }

    /** Any main class of the test class path, so, in a JVM of its own with these options. */
    public static Run runMain(Path dataDir, List<String> jvmOptions, Class<?> main, String... args) throws Exception {
        List<String> command = java();
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlogging.level.root=WARN", main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EXITWORK_DATA_DIR", dataDir.toString());
        File log = Files.createTempFile("exitwork-cli-", ".log").toFile();
        builder.redirectOutput(log);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("command did not finish: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }
}
