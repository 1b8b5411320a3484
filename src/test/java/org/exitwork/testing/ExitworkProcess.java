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
    public static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    private static DemoInstallation demo;

    private ExitworkProcess() {
    }

    /**
     * The demo installation, made once per test JVM: {@code demo-data} on an empty data directory is
     * the one slow start every command-line test builds on, and nobody changes the template itself.
     */
    public static synchronized DemoInstallation demoInstallation() throws Exception {
        if (demo == null) {
            Path template = Files.createTempDirectory("exitwork-cli-demo-");
            demo = new DemoInstallation(template, run(template, "demo-data"));
        }
        return demo;
    }

    /**
     * Starts the server ({@code serve}) on a data directory and a free port, with the logging levels
     * the jar ships with (nothing overridden), waits until it prints {@code untilLine}, then stops it
     * and answers everything it printed up to then, with the port it listened on.
     */
    public static Served serve(Path dataDir, String untilLine) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHORT_LIVED_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExitworkApplication.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EXITWORK_DATA_DIR", dataDir.toString());
        builder.environment().put("EXITWORK_PORT", Integer.toString(port));
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        java.util.concurrent.CompletableFuture<Void> seen = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (java.io.BufferedReader lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains(untilLine)) {
                        return;
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
        synchronized (output) {
            return new Served(port, output.toString());
        }
    }

    /** What a started server printed before it was stopped, and its port. */
    public record Served(int port, String output) {
    }

    public static Run run(Path dataDir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHORT_LIVED_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dlogging.level.root=WARN",
                ExitworkApplication.class.getName()));
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
