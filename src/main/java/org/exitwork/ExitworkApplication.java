package org.exitwork;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.exitwork.commands.Command;
import org.exitwork.commands.CommandRunner;
import org.exitwork.platform.DemoContent;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * One jar, several commands: {@code serve} (the default) runs the web application; the others run
 * against the configured database and exit with a meaningful status code.
 */
@SpringBootApplication
@EnableScheduling
@Modulithic(systemName = "Exitwork", sharedModules = "platform")
public class ExitworkApplication {

    /**
     * Settings of the embedded H2 database that only a system property sets, made before H2 is loaded (unless the
     * operator set them): without H2's shared cache of small values, every value H2 reads is no longer hashed and
     * looked up, and a full audit verification reads 1.2 to 1.4 times as many entries a second (bench/README.md).
     */
    public static void embeddedDatabaseSettings() {
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    public static void main(String[] args) {
        embeddedDatabaseSettings();
        privateDataDirectory(dataDirectory(args, System.getProperties(), System.getenv()))
                .ifPresent(System.err::println);
        String name = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        if (name.equals("serve")) {
            SpringApplication.run(ExitworkApplication.class, args);
            return;
        }
        Command command = Command.named(name).orElse(null);
        if (command == null) {
            System.err.println("Unknown command: " + name);
            System.err.println(Command.usage());
            System.exit(2);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExitworkApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(command == Command.DEMO_DATA ? new String[] { "command", DemoContent.PROFILE }
                        : new String[] { "command" })
                .logStartupInfo(false)
                .run(rest);
        int status = context.getBean(CommandRunner.class).run(command, rest);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /**
     * The data directory as Spring will see it: a command-line {@code --exitwork.data-dir=} (the last one)
     * before a system property before {@code EXITWORK_DATA_DIR}, else {@code ./data}. Read from the environment
     * alone, a directory named on the command line was left for the embedded database to create with the
     * process's umask (the database file readable by every local user), and an empty {@code ./data} was made
     * instead.
     */
    static Path dataDirectory(String[] args, Properties system, Map<String, String> env) {
        String configured = null;
        for (String arg : args) {
            if (arg.startsWith("--exitwork.data-dir=")) {
                configured = arg.substring("--exitwork.data-dir=".length());
            }
        }
        if (configured == null) {
            configured = system.getProperty("exitwork.data-dir");
        }
        if (configured == null) {
            configured = env.getOrDefault("EXITWORK_DATA_DIR", "./data");
        }
        return Path.of(configured);
    }

    /** What lets anyone but the owner into a directory. */
    private static final Set<PosixFilePermission> NOT_THE_OWNER = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

    /**
     * The embedded database and the master key live in the data directory: create it readable by
     * the owner only before anything writes there. One that exists is left as it is (it may be a volume
     * set up on purpose), but if other users of the machine may enter it, the answer is a warning to print:
     * the database file and the key files in it would be theirs to copy.
     */
    static Optional<String> privateDataDirectory(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        try {
            if (Files.isDirectory(dir)) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
                if (mode.stream().noneMatch(NOT_THE_OWNER::contains)) {
                    return Optional.empty();
                }
                return Optional.of("WARNING: other users of this machine may enter the data directory "
                        + dir.toAbsolutePath() + " (" + PosixFilePermissions.toString(mode) + "): the database and "
                        + "the keys in it are theirs to copy. Make it private: chmod 700 " + dir.toAbsolutePath());
            }
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }
}
