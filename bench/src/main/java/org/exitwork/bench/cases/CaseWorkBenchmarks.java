package org.exitwork.bench.cases;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.exitwork.cases.CaseWorkForBenchmarks.Found;
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
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What confidentiality costs (issue 4): opening a case, searching notes, erasing a client, each
 * measured through the real services on the running application (embedded H2, real Tink keys) and compared in one run.
 * Run with {@code mvn -Pbench -q test-compile exec:exec}; see bench/README.md.
 *
 * <p>It reaches the cases module only through its public API and its test-support API,
 * {@link org.exitwork.cases.CaseWorkForBenchmarks}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CaseWorkBenchmarks {

    static final int SESSIONS = 200;
    static final int CASELOAD = 50;
    static final int NOTES_PER_CLIENT = 200;

    // --- 1. Opening a case with 200 sessions ---

    @State(Scope.Benchmark)
    public static class OneCase {
        BenchWorld world;
        UUID encrypted;
        UUID plain;

        @Setup(Level.Trial)
        public void setUp() {
            world = BenchWorld.start();
            encrypted = world.client();
            world.notes(encrypted, SESSIONS, true);
            plain = world.client();
            world.notes(plain, SESSIONS, false);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            world.close();
        }
    }

    /**
     * The real read path of the sessions page: SessionService.page (access check, the rows, themes,
     * participants, context persons, staff names, decryption of every note, the audit entry). It
     * always decrypts, so it can only read the encrypted client.
     */
    @Benchmark
    public Object openCaseService(OneCase s) {
        return s.world.measured.sessionsPage(s.world.practitioner, s.encrypted);
    }

    /** Only the data part of that page: the repository's query, then decrypt each note with the client's key. */
    @Benchmark
    public List<String> openCaseDecrypt(OneCase s) {
        return s.world.measured.sessionNotesDecrypted(s.encrypted);
    }

    /** The plain rows: the same query (SessionNoteRepository.sessions), no key, the bytes read as UTF-8. */
    @Benchmark
    public List<String> openCasePlain(OneCase s) {
        return s.world.measured.sessionNotesPlain(s.plain);
    }

    // --- 2. Note search over a caseload of 50 clients x 200 notes ---

    /** One practitioner's caseload: 50 clients in their tandem, 200 notes each. */
    abstract static class Caseload {
        BenchWorld world;

        void fill(boolean encrypted) {
            world = BenchWorld.start();
            for (int i = 0; i < CASELOAD; i++) {
                world.notes(world.client(), NOTES_PER_CLIENT, encrypted);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            world.close();
        }
    }

    @State(Scope.Benchmark)
    public static class EncryptedCaseload extends Caseload {
        @Setup(Level.Trial)
        public void setUp() {
            fill(true);
            expectAllHits(world.measured.searchNotes(world.practitioner, BenchWorld.QUERY));
        }
    }

    @State(Scope.Benchmark)
    public static class PlainCaseload extends Caseload {
        @Setup(Level.Trial)
        public void setUp() {
            fill(false);
            expectAllHits(world.measured.searchPlainNotes(world.practitioner, BenchWorld.QUERY));
        }
    }

    /** Both variants must find the same notes and read the whole caseload (fewer hits than the limit). */
    static void expectAllHits(Found result) {
        int expected = CASELOAD * NOTES_PER_CLIENT / BenchWorld.NEEDLE_EVERY;
        if (result.hits() != expected || result.more() || result.casesSearched() != CASELOAD) {
            throw new IllegalStateException("search found " + result.hits() + " hits in "
                    + result.casesSearched() + " cases, expected " + expected + " in " + CASELOAD);
        }
    }

    /** The real search: NoteSearch.search (fetch the caseload's ciphertexts, decrypt, match, snippets, audit). */
    @Benchmark
    public Found searchNotesService(EncryptedCaseload s) {
        return s.world.measured.searchNotes(s.world.practitioner, BenchWorld.QUERY);
    }

    /** The same scan over plain rows: the same queries and the same matching (SearchText), no decryption. */
    @Benchmark
    public Found searchNotesPlain(PlainCaseload s) {
        return s.world.measured.searchPlainNotes(s.world.practitioner, BenchWorld.QUERY);
    }

    // --- 3. Erasure of a client with 10 vs 1,000 notes ---

    @State(Scope.Benchmark)
    public static class ErasureCandidate {
        @Param({"10", "1000"})
        int notes;
        BenchWorld world;
        UUID client;

        @Setup(Level.Trial)
        public void start() {
            world = BenchWorld.start();
        }

        /** A fresh client for every erasure: taken on, notes written, ended by the client's choice. */
        @Setup(Level.Iteration)
        public void prepareClient() {
            client = world.client();
            world.notes(client, notes, true);
            world.measured.endByClientsChoice(world.practitioner, client, LocalDate.now(world.clock), false);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            world.close();
        }
    }

    /** The real path: ClientErasure.eraseOnRequest (access check, row lock, row deletion, key shredding, audit). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5)
    @Measurement(iterations = 25)
    public void eraseClient(ErasureCandidate s) {
        s.world.measured.eraseOnRequest(s.world.practitioner, s.client);
    }

    // --- the run ---

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CaseWorkBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true)
                .build()).run();

        Result openService = find(results, "openCaseService", null, null);
        Result openDecrypt = find(results, "openCaseDecrypt", null, null);
        Result openPlain = find(results, "openCasePlain", null, null);
        Result searchService = find(results, "searchNotesService", null, null);
        Result searchPlain = find(results, "searchNotesPlain", null, null);
        Result erase10 = find(results, "eraseClient", "notes", "10");
        Result erase1000 = find(results, "eraseClient", "notes", "1000");

        System.out.println();
        System.out.println("Exitwork case work, side by side (ms per operation, mean ± 99.9% error)");
        System.out.printf("%-54s %18s %18s %8s%n", "", "A", "B", "A / B");
        row("open case, 200 sessions: SessionService.page / plain", openService, openPlain);
        row("open case, 200 sessions: query+decrypt / plain", openDecrypt, openPlain);
        row("search 50 x 200 notes: NoteSearch.search / plain", searchService, searchPlain);
        row("erase client: 1,000 notes / 10 notes", erase1000, erase10);
    }

    private static Result find(Collection<RunResult> results, String method, String param, String value) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> param == null || value.equals(r.getParams().getParam(param)))
                .findFirst().map(RunResult::getPrimaryResult)
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " " + param + "=" + value));
    }

    private static void row(String label, Result a, Result b) {
        System.out.printf("%-54s %18s %18s %7.2fx%n", label, format(a), format(b), a.getScore() / b.getScore());
    }

    private static String format(Result r) {
        return Double.isNaN(r.getScoreError())
                ? String.format("%.3f", r.getScore())
                : String.format("%.3f ± %.3f", r.getScore(), r.getScoreError());
    }
}
