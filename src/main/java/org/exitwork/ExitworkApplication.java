package org.exitwork;

import java.util.Arrays;

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

    public static void main(String[] args) {
        privateDataDirectory();
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
     * The embedded database and the master key live in the data directory: create it readable by
     * the owner only before anything writes there.
     */
    private static void privateDataDirectory() {
        String configured = System.getenv().getOrDefault("EXITWORK_DATA_DIR", "./data");
        java.nio.file.Path dir = java.nio.file.Path.of(configured);
        if (java.nio.file.Files.exists(dir)
                || !java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }
}
