package org.exitwork.bench.programme;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.bench.BenchApplication;
import org.exitwork.bench.BenchBrowser;
import org.exitwork.bench.BenchDatabase;
import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.CaseWorkForBenchmarks;
import org.exitwork.network.PartnerKind;
import org.exitwork.network.PartnersForBenchmarks;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReports;
import org.exitwork.programme.Measure;
import org.exitwork.programme.ProgrammeForBenchmarks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;
import org.springframework.boot.WebApplicationType;

/**
 * The programme's figures over 1,000 clients with 100,000 sessions and over 10,000 clients with 1,000,000
 * sessions (issue 16), on PostgreSQL by default ({@code -p database=h2} for the embedded database), both
 * sizes in one run, each in a fork and a database schema of its own.
 *
 * <p>The organisation, its staff and the programme (three outcomes) are made through the public APIs; the
 * clients, their sessions and their outcome ratings by the modules' bulk loaders
 * ({@link CaseWorkForBenchmarks#load}, {@link ProgrammeForBenchmarks#loadRatings}), which write the rows the
 * services would write, every note sealed with its client's key. Then the tables are analysed, as
 * autovacuum would, and each measured operation is one {@code @Benchmark} method below: {@link #main}
 * prints every one of them at both sizes with the ratio, so another operation (the funder report) is one
 * more method and nothing else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProgrammeFiguresBenchmarks {

    /** 1,000 clients: 100,000 sessions; 10,000 clients: 1,000,000. */
    static final int SESSIONS_PER_CLIENT = 100;
    /** Each outcome rated with each client this many times, a month apart. */
    static final int RATINGS_PER_OUTCOME = 4;
    static final int OUTCOMES = 3;

    /** The run's name, which the forks share (set by {@link #main}). */
    static final String RUN = "bench.programme.run";
    private static final String WORLD = "bench-world.properties";

    @Param({"1000", "10000"})
    int clients;

    @Param({BenchDatabase.POSTGRESQL})
    String database;

    private BenchDatabase db;
    private BenchApplication application;
    private BenchApplication.Staff staff;
    private UUID programmeId;
    private CaseFigures figures;
    private ProgrammeForBenchmarks programme;
    private CaseFigures.Scope scope;
    private LocalDate today;
    private BenchBrowser browser;
    private FunderReports reports;
    private FunderReports.Agreement agreement;
    private FunderReports.Period period;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        String run = System.getProperty(RUN, "f" + UUID.randomUUID().toString().substring(0, 8));
        Path dataDir = dataDir(run, clients);
        Path world = dataDir.resolve(WORLD);
        boolean loaded = Files.exists(world);
        db = BenchDatabase.named(database, schema(run, clients));
        String[] settings = new String[db.settings().length + 2];
        settings[0] = "--server.address=127.0.0.1";
        settings[1] = "--server.port=0";
        System.arraycopy(db.settings(), 0, settings, 2, db.settings().length);
        application = BenchApplication.startKept(dataDir, WebApplicationType.SERVLET, settings);
        figures = application.context().getBean(CaseFigures.class);
        programme = application.context().getBean(ProgrammeForBenchmarks.class);
        today = LocalDate.now(application.context().getBean(Clock.class));
        Properties p = new Properties();
        if (loaded) {
            try (Reader in = Files.newBufferedReader(world)) {
                p.load(in);
            }
            staff = new BenchApplication.Staff(principal(p, "practitioner"), principal(p, "colleague"),
                    principal(p, "manager"));
            programmeId = UUID.fromString(p.getProperty("programme"));
            System.out.printf("%nthe data of this run's first fork at %,d clients: %s%n", clients, p.getProperty("loaded"));
        } else {
            staff = application.staff();
            long started = System.nanoTime();
            programmeId = programme.design(staff.manager(), "Bench programme", OUTCOMES);
            CaseWorkForBenchmarks.Loaded cases = application.context().getBean(CaseWorkForBenchmarks.class)
                    .load(CaseWorkForBenchmarks.Load.of(staff.practitioner(), staff.colleague(), staff.manager(), clients,
                            SESSIONS_PER_CLIENT, today).inProgramme(programmeId));
            long ratings = programme.loadRatings(staff.practitioner(), programmeId, cases.clientIds(),
                    RATINGS_PER_OUTCOME, today, 7);
            long loadedAt = System.nanoTime();
            db.settle(application.context().getBean(DataSource.class));
            String summary = String.format("%,d clients, %,d sessions (%,d cancelled), %,d outcome ratings on %s,"
                    + " loaded in %.0f s, analysed in %.0f s", cases.clientIds().size(), cases.sessions(),
                    cases.cancelled(), ratings, db.kind(), (loadedAt - started) / 1e9, (System.nanoTime() - loadedAt) / 1e9);
            System.out.printf("%n%s%n", summary);
            put(p, "practitioner", staff.practitioner());
            put(p, "colleague", staff.colleague());
            put(p, "manager", staff.manager());
            p.setProperty("programme", programmeId.toString());
            p.setProperty("loaded", summary);
            try (Writer out = Files.newBufferedWriter(world)) {
                p.store(out, "the bench organisation of this run");
            }
        }
        // The funder and the agreement of the report: made once, by the first fork of the size.
        if (p.getProperty("agreement") == null) {
            UUID funder = application.context().getBean(PartnersForBenchmarks.class).register(staff.manager(),
                    "Bench Foundation", PartnerKind.FUNDER);
            p.setProperty("agreement", programme.agree(staff.manager(), programmeId, funder,
                    YearMonth.from(today).minusMonths(12).atDay(1)).toString());
            try (Writer out = Files.newBufferedWriter(world)) {
                p.store(out, "the bench organisation of this run");
            }
        }
        reports = application.context().getBean(FunderReports.class);
        agreement = reports.agreement(staff.manager().organisationId(), UUID.fromString(p.getProperty("agreement")))
                .orElseThrow();
        List<FunderReports.Period> periods = agreement.endedPeriods(today);
        period = periods.get(periods.size() - 1);

        // A manager of the organisation made for this fork signs in on the page as a person does.
        AccountAdministration.NewAccount reader = application.context().getBean(AccountAdministration.class)
                .createStaff(staff.manager().organisationId(), "bench-page-" + UUID.randomUUID().toString().substring(0, 8),
                        "Page reader", Role.MANAGER, false);
        browser = new BenchBrowser(BenchBrowser.base(application))
                .signInFirstTime(reader.member().username(), reader.temporaryPassword());
        YearMonth now = YearMonth.from(today);
        scope = CaseFigures.Scope.programme(staff.manager().organisationId(), programmeId, now.minusMonths(11), now);
    }

    /** Every figure about cases the dashboard shows, as {@code Dashboard} asks for them. */
    @Benchmark
    public CaseFigures.Figures caseFigures() {
        CaseFigures.Figures f = figures.figures(scope, today);
        if (f.byStage().get("CLIENT") != clients) {
            throw new IllegalStateException("counted " + f.byStage() + " of " + clients);
        }
        return f;
    }

    /**
     * The dashboard as its page asks for it ({@code Dashboard.open}: the programme, the case figures, the
     * outcome changes, the staff names, every chart in English, the audit entry).
     */
    @Benchmark
    public Object dashboard() {
        return programme.openDashboard(staff.manager(), programmeId);
    }

    /** The page itself: {@code GET /programmes/{id}/dashboard} over HTTP, signed in, the whole HTML. */
    @Benchmark
    public int dashboardPage() {
        String page = BenchBrowser.expect(browser.get("/programmes/" + programmeId + "/dashboard"), 200).body();
        if (!page.contains("<svg")) {
            throw new IllegalStateException("no chart on the dashboard");
        }
        return page.length();
    }

    /**
     * A full funder report: {@code FunderReports.figures} for the agreement's last ended period of twelve
     * months, every measure of the catalogue as totals and by phenomenon area, counted and put through
     * disclosure control (as the report's page, PDF and CSV ask for it before the gate hands it out).
     */
    @Benchmark
    public FunderReport funderReport() {
        FunderReport report = reports.figures(agreement, period);
        if (report.tables().size() != 2 * Measure.values().length - 1) {
            throw new IllegalStateException("the report has " + report.tables().size() + " tables");
        }
        return report;
    }

    // A further operation is one more @Benchmark method here; main() prints it beside the others at both
    // sizes with its ratio.

    @TearDown(Level.Trial)
    public void close() {
        application.close();
    }

    /**
     * Runs every operation at both sizes and prints them side by side. The data of a size is loaded once
     * per run, by its first fork, into a schema and a data directory named after the run; the other forks of
     * that size use it, and the run removes both at its end. With {@code -Dbench.programme.run=NAME} they are
     * kept for the next run with the same name (and for a look at the query plans), until a run without it.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String named = System.getProperty(RUN);
        String run = named != null ? named : "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(ProgrammeFiguresBenchmarks.class.getName() + "\\.")
                .jvmArgsAppend("-D" + RUN + "=" + run)
                .shouldFailOnError(true);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } finally {
            if (named == null) {
                for (String size : List.of("1000", "10000")) {
                    BenchApplication.delete(dataDir(run, Integer.parseInt(size)));
                    for (String kind : List.of(BenchDatabase.POSTGRESQL)) {
                        BenchDatabase.drop(kind, schema(run, Integer.parseInt(size)));
                    }
                }
            }
        }
        print(results);
    }

    private static void print(Collection<RunResult> results) {
        List<String> operations = new ArrayList<>();
        results.forEach(r -> {
            String name = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            if (!operations.contains(name)) {
                operations.add(name);
            }
        });
        String db = results.iterator().next().getParams().getParam("database");
        System.out.println();
        System.out.println("Exitwork programme figures on " + db + " (ms per call, mean ± 99.9% error)");
        System.out.printf("%-14s %24s %24s %8s%n", "", "1,000 / 100,000", "10,000 / 1,000,000", "ratio");
        for (String operation : operations) {
            Statistics small = statistics(results, operation, "1000");
            Statistics large = statistics(results, operation, "10000");
            System.out.printf("%-14s %24s %24s %8s%n", operation, cell(small), cell(large),
                    small == null || large == null ? "" : String.format("%.1fx", large.getMean() / small.getMean()));
        }
    }

    private static String cell(Statistics s) {
        return s == null ? "-" : String.format("%.1f ± %.1f", s.getMean(), s.getN() > 1 ? s.getMeanErrorAt(0.999) : Double.NaN);
    }

    private static Path dataDir(String run, int clients) {
        return Path.of(System.getProperty("java.io.tmpdir"), "exitwork-bench-programme-" + run + "-" + clients);
    }

    private static String schema(String run, int clients) {
        return "bench_programme_" + run.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_" + clients;
    }

    private static void put(Properties p, String name, StaffPrincipal who) {
        p.setProperty(name, who.id() + " " + who.organisationId() + " " + who.username() + " " + who.role());
        p.setProperty(name + ".name", who.displayName());
    }

    private static StaffPrincipal principal(Properties p, String name) {
        String[] v = p.getProperty(name).split(" ");
        return new StaffPrincipal(UUID.fromString(v[0]), UUID.fromString(v[1]), v[2], p.getProperty(name + ".name"),
                Role.valueOf(v[3]));
    }

    private static Statistics statistics(Collection<RunResult> results, String operation, String clients) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + operation)
                        && clients.equals(r.getParams().getParam("clients")))
                .findFirst().map(r -> r.getPrimaryResult().getStatistics()).orElse(null);
    }
}
