package org.exitwork.cases.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
 * measured on the running application (embedded H2, real Tink keys) and compared in one run.
 * Run with {@code mvn -Pbench -q test-compile exec:exec}; see bench/README.md.
 *
 * <p>Public because JMH's generated code lives in a sub-package; everything it touches of the
 * application stays package-private.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class CaseWorkBenchmarks {

    static final int SESSIONS = 200;
    static final int CASELOAD = 50;
    static final int NOTES_PER_CLIENT = 200;

    // --- 1. Opening a case with 200 session notes ---

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

    /** The notes of a case as the case page reads them: fetch the ciphertexts, decrypt each with the client's key. */
    @Benchmark
    public List<String> openCaseEncrypted(OneCase s) {
        return s.world.tx.execute(status -> {
            FieldCipher cipher = s.world.keys.cipherFor(s.encrypted);
            List<String> texts = new ArrayList<>(SESSIONS);
            for (CaseRepository.NoteRow n : s.world.cases.notes(s.encrypted)) {
                texts.add(cipher.decrypt(CaseAccess.field("cas_session_note", n.id(), "body"), n.body()));
            }
            return texts;
        });
    }

    /** The same rows stored as plain UTF-8 bytes: the same query, no key, no decryption. */
    @Benchmark
    public List<String> openCasePlain(OneCase s) {
        return s.world.tx.execute(status -> {
            List<String> texts = new ArrayList<>(SESSIONS);
            for (CaseRepository.NoteRow n : s.world.cases.notes(s.plain)) {
                texts.add(new String(n.body(), StandardCharsets.UTF_8));
            }
            return texts;
        });
    }

    /** For scale: the whole of CaseService.open (access check, names, decryption, the audit entry). */
    @Benchmark
    public Object openCaseService(OneCase s) {
        return s.world.caseService.open(s.world.practitioner, s.encrypted);
    }

    // --- 2. Note search over a caseload of 50 clients x 200 notes ---

    @State(Scope.Benchmark)
    public static class Caseload {
        @Param({"true", "false"})
        boolean encrypted;
        BenchWorld world;

        @Setup(Level.Trial)
        public void setUp() {
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

    /**
     * Nothing searchable rests in the database, so search decrypts the practitioner's own cases and
     * matches in memory (case-insensitive substring). No NoteSearch exists on this branch yet; this is
     * the same algorithm, without the per-case access check and audit entry a service would add.
     */
    @Benchmark
    public List<UUID> searchNotes(Caseload s) {
        String query = BenchWorld.QUERY.toLowerCase(Locale.ROOT);
        return s.world.tx.execute(status -> {
            List<UUID> hits = new ArrayList<>();
            for (UUID client : s.world.myCases()) {
                FieldCipher cipher = s.encrypted ? s.world.keys.cipherFor(client) : null;
                for (CaseRepository.NoteRow n : s.world.cases.notes(client)) {
                    String text = s.encrypted
                            ? cipher.decrypt(CaseAccess.field("cas_session_note", n.id(), "body"), n.body())
                            : new String(n.body(), StandardCharsets.UTF_8);
                    if (text.toLowerCase(Locale.ROOT).contains(query)) {
                        hits.add(n.id());
                    }
                }
            }
            return hits;
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

        Result openEncrypted = find(results, "openCaseEncrypted", null, null);
        Result openPlain = find(results, "openCasePlain", null, null);
        Result openService = find(results, "openCaseService", null, null);
        Result searchEncrypted = find(results, "searchNotes", "encrypted", "true");
        Result searchPlain = find(results, "searchNotes", "encrypted", "false");
        Result erase10 = find(results, "eraseClient", "notes", "10");
        Result erase1000 = find(results, "eraseClient", "notes", "1000");

        System.out.println();
        System.out.println("Exitwork case work, side by side (ms per operation, mean ± 99.9% error)");
        System.out.printf("%-44s %16s %16s %8s%n", "", "A", "B", "A / B");
        row("open case, 200 notes: encrypted / plain", openEncrypted, openPlain);
        row("search 50 x 200 notes: encrypted / plain", searchEncrypted, searchPlain);
        row("erase client: 1,000 notes / 10 notes", erase1000, erase10);
        System.out.printf("%-44s %16s%n", "open case via CaseService.open (encrypted)", format(openService));
    }

    private static Result find(Collection<RunResult> results, String method, String param, String value) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> param == null || value.equals(r.getParams().getParam(param)))
                .findFirst().map(RunResult::getPrimaryResult)
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " " + param + "=" + value));
    }

    private static void row(String label, Result a, Result b) {
        System.out.printf("%-44s %16s %16s %7.2fx%n", label, format(a), format(b), a.getScore() / b.getScore());
    }

    private static String format(Result r) {
        return Double.isNaN(r.getScoreError())
                ? String.format("%.3f", r.getScore())
                : String.format("%.3f ± %.3f", r.getScore(), r.getScoreError());
    }
}
