package org.exitwork.cases.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.exitwork.keys.FieldCipher;
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
 * <p>Public because JMH's generated code lives in a sub-package; everything it touches of the
 * application stays package-private.
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
    public SessionService.SessionsPage openCaseService(OneCase s) {
        return s.world.sessionService.page(s.world.practitioner, s.encrypted);
    }

    /** Only the data part of that page: the repository's query, then decrypt each note with the client's key. */
    @Benchmark
    public List<String> openCaseDecrypt(OneCase s) {
        return s.world.tx.execute(status -> {
            FieldCipher cipher = s.world.keys.cipherFor(s.encrypted);
            List<String> texts = new ArrayList<>(SESSIONS);
            for (SessionNoteRepository.SessionRow r : s.world.sessionNotes.sessions(s.encrypted)) {
                texts.add(cipher.decrypt(CaseAccess.field("cas_session_note", r.id(), "body"), r.body()));
            }
            return texts;
        });
    }

    /** The plain rows: the same query (SessionNoteRepository.sessions), no key, the bytes read as UTF-8. */
    @Benchmark
    public List<String> openCasePlain(OneCase s) {
        return s.world.tx.execute(status -> {
            List<String> texts = new ArrayList<>(SESSIONS);
            for (SessionNoteRepository.SessionRow r : s.world.sessionNotes.sessions(s.plain)) {
                texts.add(new String(r.body(), StandardCharsets.UTF_8));
            }
            return texts;
        });
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
            expectAllHits(world.noteSearch.search(world.practitioner, BenchWorld.QUERY));
        }
    }

    @State(Scope.Benchmark)
    public static class PlainCaseload extends Caseload {
        @Setup(Level.Trial)
        public void setUp() {
            fill(false);
            expectAllHits(plainSearch(world, BenchWorld.QUERY));
        }
    }

    /** Both variants must find the same notes and read the whole caseload (fewer hits than the limit). */
    static void expectAllHits(NoteSearch.Result result) {
        int expected = CASELOAD * NOTES_PER_CLIENT / BenchWorld.NEEDLE_EVERY;
        if (result.hits().size() != expected || result.more() || result.casesSearched() != CASELOAD) {
            throw new IllegalStateException("search found " + result.hits().size() + " hits in "
                    + result.casesSearched() + " cases, expected " + expected + " in " + CASELOAD);
        }
    }

    /** The real search: NoteSearch.search (fetch the caseload's ciphertexts, decrypt, match, snippets, audit). */
    @Benchmark
    public NoteSearch.Result searchNotesService(EncryptedCaseload s) {
        return s.world.noteSearch.search(s.world.practitioner, BenchWorld.QUERY);
    }

    /** The same scan over plain rows: the same queries and the same matching (SearchText), no decryption. */
    @Benchmark
    public NoteSearch.Result searchNotesPlain(PlainCaseload s) {
        return plainSearch(s.world, BenchWorld.QUERY);
    }

    /** NoteSearch.search without keys, access check and audit entry: the bytes are read as UTF-8. */
    static NoteSearch.Result plainSearch(BenchWorld world, String query) {
        return world.tx.execute(status -> {
            List<String> words = SearchText.words(query);
            Map<UUID, String> pseudonyms = new HashMap<>();
            UUID org = world.practitioner.organisationId();
            world.sessionNotes.ownCases(org, world.practitioner.id()).forEach(c -> pseudonyms.put(c.id(), c.pseudonym()));
            List<NoteSearch.Hit> hits = new ArrayList<>();
            boolean more = false;
            try (Stream<SessionNoteRepository.Sealed> sealed = world.sessionNotes.sealedNotes(org, world.practitioner.id())) {
                for (SessionNoteRepository.Sealed n : (Iterable<SessionNoteRepository.Sealed>) sealed::iterator) {
                    String note = new String(n.body(), StandardCharsets.UTF_8);
                    String nextSteps = n.nextSteps() == null ? null : new String(n.nextSteps(), StandardCharsets.UTF_8);
                    if (!SearchText.matches(words, note, nextSteps)) {
                        continue;
                    }
                    if (hits.size() == NoteSearch.LIMIT) {
                        more = true;
                        break;
                    }
                    List<SearchText.Part> snippet = SearchText.snippet(words, note);
                    boolean inNextSteps = snippet == null;
                    if (inNextSteps) {
                        snippet = SearchText.snippet(words, nextSteps);
                    }
                    hits.add(new NoteSearch.Hit(n.clientId(), pseudonyms.get(n.clientId()), n.sessionId(),
                            n.sessionDate(), inNextSteps, snippet));
                }
            }
            return new NoteSearch.Result(hits, pseudonyms.size(), more);
        });
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
            world.ending.endByClientsChoice(world.practitioner, client, LocalDate.now(world.clock), false);
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
        s.world.erasure.eraseOnRequest(s.world.practitioner, s.client);
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
