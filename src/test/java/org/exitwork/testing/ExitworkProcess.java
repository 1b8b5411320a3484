package org.exitwork.testing;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.exitwork.ExitworkApplication;

/** Runs {@code java -jar exitwork.jar <command>} as a user would: a JVM of its own on a data directory. */
public final class ExitworkProcess {

    /** What a command run answered: its exit status and everything it printed. */
    public record Run(int status, String output) {
    }

    private ExitworkProcess() {
    }

    public static Run run(Path dataDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogging.level.root=WARN",
                ExitworkApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EXITWORK_DATA_DIR", dataDir.toString());
        File log = Files.createTempFile("exitwork-cli-", ".log").toFile();
        builder.redirectOutput(log);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("command did not finish: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }
}
