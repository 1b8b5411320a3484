package org.exitwork.bench.programme;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.exitwork.bench.BenchApplication;
import org.exitwork.bench.cases.BenchCases;
import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.CaseWorkForBenchmarks;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
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
import org.springframework.boot.WebApplicationType;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The case figures of the manager's programme dashboard ({@link CaseFigures#figures}: every count,
 * median and monthly series the dashboard shows about cases) over 1,000 and 10,000 clients with ten
 * sessions each, spread over the last year. Clients are taken on through the public API
 * ({@link CaseWork}, as R1 asks); their sessions are plain rows in the real table through the cases
 * module's test-support API ({@link CaseWorkForBenchmarks#writePlainNote}): the figures never read a
 * note's text, so encrypting them would only lengthen the set-up. One run measures both sizes and
 * prints the ratio; aggregates in SQL should grow with the rows, not with anything worse.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProgrammeFiguresBenchmarks {

    static final int SESSIONS_PER_CLIENT = 10;

    @Param({"1000", "10000"})
    int clients;

    private BenchApplication application;
    private CaseFigures figures;
    private CaseFigures.Scope scope;
    private LocalDate today;

    @Setup(Level.Trial)
    public void fill() {
        application = BenchApplication.start("exitwork-bench-programme-", WebApplicationType.NONE);
        BenchApplication.Staff staff = application.staff();
        CaseWork caseWork = application.context().getBean(CaseWork.class);
        CaseWorkForBenchmarks plain = application.context().getBean(CaseWorkForBenchmarks.class);
        TransactionTemplate tx = application.context().getBean(TransactionTemplate.class);
        figures = application.context().getBean(CaseFigures.class);
        today = LocalDate.now(application.context().getBean(Clock.class));
        Random random = new Random(42);
        Pathway[] pathways = Pathway.values();
        PhenomenonArea[] areas = PhenomenonArea.values();
        for (int i = 0; i < clients; i++) {
            UUID id = caseWork.openProspect(staff.practitioner(), new NewProspect(pathways[random.nextInt(pathways.length)],
                    Set.of(areas[random.nextInt(areas.length)]), false)).id();
            BenchCases.takeOn(application.context(), staff.manager(), staff.practitioner(), staff.colleague(), id);
            int start = 1 + random.nextInt(300);
            tx.executeWithoutResult(status -> {
                for (int s = 0; s < SESSIONS_PER_CLIENT; s++) {
                    plain.writePlainNote(staff.practitioner(), id, today.minusDays(start + s * 6L), "session");
                }
            });
        }
        YearMonth now = YearMonth.from(today);
        scope = new CaseFigures.Scope(staff.practitioner().organisationId(), null, false, now.minusMonths(11), now);
    }

    @Benchmark
    public CaseFigures.Figures dashboardFigures() {
        CaseFigures.Figures f = figures.figures(scope, today);
        if (f.byStage().get("CLIENT") != clients) {
            throw new IllegalStateException("counted " + f.byStage() + " of " + clients);
        }
        return f;
    }

    @TearDown(Level.Trial)
    public void close() {
        application.close();
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String jmh = System.getProperty("bench.jmh", "").strip();
        String[] given = args.length > 0 || jmh.isEmpty() ? args : jmh.split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(new CommandLineOptions(given))
                .include(ProgrammeFiguresBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        double small = millis(results, "1000");
        double large = millis(results, "10000");
        System.out.println();
        System.out.println("Exitwork programme dashboard, case figures (ms per opening, mean)");
        System.out.printf("%-28s %10s %10s %10s%n", "", "1,000", "10,000", "ratio");
        System.out.printf("%-28s %10.1f %10.1f %9.1fx%n", "CaseFigures.figures", small, large, large / small);
    }

    private static double millis(Collection<RunResult> results, String clients) {
        return results.stream().filter(r -> clients.equals(r.getParams().getParam("clients"))).findFirst()
                .map(r -> r.getPrimaryResult().getStatistics().getMean())
                .orElseThrow(() -> new IllegalStateException("no result for " + clients));
    }
}
