package org.exitwork.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.exitwork.ExitworkApplication;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application on the embedded database in a fresh temporary data directory, quiet and
 * without background jobs, for the benchmarks; deleted again on {@link #close()}.
 */
public final class BenchApplication implements AutoCloseable {

    /** A bench organisation's people: two practitioners and a programme manager. */
    public record Staff(StaffPrincipal practitioner, StaffPrincipal colleague, StaffPrincipal manager) {
    }

    private static final ApplicationContextInitializer<?>[] NONE = {};

    private final Path dataDir;
    private final boolean keep;
    private final ConfigurableApplicationContext context;

    private BenchApplication(Path dataDir, boolean keep, WebApplicationType web,
            ApplicationContextInitializer<?>[] initializers, String... settings) {
        this.dataDir = dataDir;
        this.keep = keep;
        String[] arguments = new String[settings.length + 8];
        arguments[0] = "--exitwork.data-dir=" + dataDir.toAbsolutePath();
        arguments[1] = "--exitwork.cases.erasure-schedule.enabled=false";
        arguments[2] = "--spring.main.banner-mode=off";
        arguments[3] = "--spring.jmx.enabled=false";
        arguments[4] = "--logging.level.root=WARN";
        arguments[5] = "--logging.level.org.flywaydb=ERROR";
        // The modules' test-support APIs (e.g. CaseWorkForBenchmarks) exist only with this.
        arguments[6] = "--exitwork.bench.enabled=true";
        // The purge of erased clients' rows runs where a benchmark says so (ErasureBenchmarks), never beside one.
        arguments[7] = "--exitwork.cases.erasure-purge.enabled=false";
        System.arraycopy(settings, 0, arguments, 8, settings.length);
        // As `java -jar exitwork.jar` starts, before H2 is loaded.
        ExitworkApplication.embeddedDatabaseSettings();
        // Arguments, not default properties: these must win over application.properties.
        this.context = new SpringApplicationBuilder(ExitworkApplication.class).web(web).logStartupInfo(false)
                .initializers(initializers).run(arguments);
    }

    /** Starts it; {@code settings} are further {@code --name=value} arguments. */
    public static BenchApplication start(String directoryPrefix, WebApplicationType web, String... settings) {
        try {
            return new BenchApplication(Files.createTempDirectory(directoryPrefix), false, web, NONE, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts it in {@code dataDir} (made if missing), which {@link #close()} keeps: for data that several
     * forks of one run share, with its database (see {@link BenchDatabase#named}). {@link #delete} removes it.
     */
    public static BenchApplication startKept(Path dataDir, WebApplicationType web, String... settings) {
        return startKeptWith(dataDir, web, NONE, settings);
    }

    /**
     * The same, with {@code initializer} run on the context before it is refreshed: a bench that replaces
     * one bean of the application (e.g. {@link UnauditedLog#initializer()}) and changes nothing else.
     */
    public static BenchApplication startKept(Path dataDir, WebApplicationType web,
            ApplicationContextInitializer<?> initializer, String... settings) {
        return startKeptWith(dataDir, web, new ApplicationContextInitializer<?>[] { initializer }, settings);
    }

    private static BenchApplication startKeptWith(Path dataDir, WebApplicationType web,
            ApplicationContextInitializer<?>[] initializers, String... settings) {
        try {
            return new BenchApplication(Files.createDirectories(dataDir), true, web, initializers, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a data directory with everything in it (nothing when it does not exist). */
    public static void delete(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** Creates the organisation "Bench e.V." with its administrator and staff. */
    public Staff staff() {
        AccountAdministration accounts = context.getBean(AccountAdministration.class);
        UUID org = accounts.createOrganisation("Bench e.V.", "bench-admin", "Admin").member().organisationId();
        StaffPrincipal practitioner = principal(accounts.createStaff(org, "bench-prac", "Practitioner",
                Role.PRACTITIONER, false).member());
        StaffPrincipal colleague = principal(accounts.createStaff(org, "bench-coll", "Colleague",
                Role.PRACTITIONER, false).member());
        StaffPrincipal manager = principal(accounts.createStaff(org, "bench-mana", "Manager", Role.MANAGER, false)
                .member());
        return new Staff(practitioner, colleague, manager);
    }

    @Override
    public void close() {
        context.close();
        if (!keep) {
            delete(dataDir);
        }
    }

    private static StaffPrincipal principal(StaffMember m) {
        return new StaffPrincipal(m.id(), m.organisationId(), m.username(), m.displayName(), m.role());
    }
}
