package org.exitwork.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.internal.AuditBulkLoad;
import org.exitwork.bench.BenchApplication;
import org.exitwork.bench.BenchBrowser;
import org.exitwork.bench.BenchDatabase;
import org.exitwork.bench.UnauditedLog;
import org.exitwork.cases.CaseWorkForBenchmarks;
import org.exitwork.network.PartnerKind;
import org.exitwork.network.PartnersForBenchmarks;
import org.exitwork.programme.ProgrammeForBenchmarks;
import org.springframework.boot.WebApplicationType;

/**
 * Every list page, the overview, the dashboard, a case, the client's report, note search and the audit
 * verification of one organisation of 1,000, 10,000 (and, if asked, 50,000) clients on PostgreSQL, over
 * HTTP with real signed-in staff sessions, for 1 and 16 concurrent users; then the ratios between the sizes
 * (issue 19). With {@code memory=SIZE} the application is started a second time at that size in a JVM of
 * its own with {@code -Xmx256m} and GC logging, and the 16-user pass runs again against it.
 *
 * <p>What is loaded, per size {@code N}: the organisation, its staff and the programme through the public
 * APIs ({@code AccountAdministration}, {@code ProgrammeForBenchmarks.design}); the clients by the cases
 * module's bulk loader ({@link CaseWorkForBenchmarks#load}: intake, take-on, programme, sessions with every
 * note sealed with its client's key; the figures recounted once after the last), one load of {@value #CASELOAD} clients per
 * pair of practitioners, so every practitioner carries {@value #CASELOAD} cases whatever {@code N};
 * {@code N / 100} partners and a funder with a reporting agreement through the services
 * ({@code PartnersForBenchmarks}, {@code ProgrammeForBenchmarks.agree}); {@code N / 100} groups through
 * {@code POST /groups}; and {@value #AUDIT_PER_CLIENT} audit entries per client appended to the
 * organisation's own chain ({@link AuditBulkLoad#extend}, tagged with the installation's audit key).
 *
 * <p>With {@code audit=compare} (off by default), each size is then measured again with and without the
 * audit log (issue 19, "audit off the critical path"): the application is started on the same schema and
 * data directory several times, in the order {@code audit.order} (default {@code AUUA}: audited,
 * unaudited, unaudited, audited, so that a drift over the four runs weighs on both sides alike), each time
 * the 16 practitioners sign in and the pages of {@link #comparedPages} are measured at 16 users. An
 * unaudited run is the same application with only its {@code AuditLog} replaced by
 * {@link UnauditedLog}, which records nothing. It prints, per page, the requests per second of every
 * run, audited / unaudited, and the audit entries written per request (from the database).
 *
 * <p>Arguments (or {@code -Dbench.args="..."}): {@code sizes=1000,10000} (default), {@code memory=10000}
 * (default; {@code memory=none} to skip), {@code keep=true} to keep the schemas and data directories,
 * {@code audit=compare} and {@code audit.order=AUUA} (any sequence of {@code A} and {@code U} with both),
 * {@code pages=overview,dashboard} to measure only those pages (names as printed; {@code verification} for it).
 */
public final class ScaleBenchmark {

    /** Sessions per client: 200,000 at 10,000 clients. */
    static final int SESSIONS_PER_CLIENT = 20;
    /** Clients per pair of practitioners (both in each tandem). */
    static final int CASELOAD = 100;
    static final int AUDIT_PER_CLIENT = 20;
    static final int USERS = 16;
    static final int WARM_UP = 2;
    static final int MEASURED = 10;
    static final Duration CONCURRENT_WARM_UP = Duration.ofSeconds(1);
    static final Duration CONCURRENT_WINDOW = Duration.ofSeconds(4);
    /** A word in no note: every search reads the whole caseload. */
    static final String SEARCH = "moped";
    /** audit=compare: each page's warm-up and measured time, per run (at least 2 answers per user). */
    static final Duration COMPARE_WARM_UP = Duration.ofSeconds(2);
    static final Duration COMPARE_WINDOW = Duration.ofSeconds(8);
    /** audit=compare: times every user opens every page after signing in, before anything is measured. */
    static final int COMPARE_ROUNDS = 2;

    private static final Pattern RUNNING = Pattern.compile("id=\"verification-status\"");
    private static final Pattern PAUSE = Pattern.compile("^\\[([0-9.]+)s\\].*Pause.* ([0-9.]+)ms$");

    /** An account of the bench organisation, with its authenticator's secret once it signed in. */
    static final class Account {
        final String username;
        final String password;
        final Role role;
        /** Its own case (practitioners), else null. */
        final UUID caseId;
        /**
         * Another case of its own (practitioners), else null: audit=compare opens the client report of this
         * one, on which no other measured page writes audit entries (the report lists those about the client).
         */
        final UUID reportCaseId;
        String secret;
        /** The 30-second step of its last code: a code is taken once. */
        long step = -1;

        Account(String username, String password, Role role, UUID caseId) {
            this(username, password, role, caseId, null);
        }

        Account(String username, String password, Role role, UUID caseId, UUID reportCaseId) {
            this.username = username;
            this.password = password;
            this.role = role;
            this.caseId = caseId;
            this.reportCaseId = reportCaseId;
        }
    }

    /** One size's organisation. */
    record World(int clients, String schema, Path dataDir, UUID programmeId, List<Account> practitioners,
            List<Account> managers, List<Account> officers, String summary) {
    }

    /** A signed-in person and the account. */
    record User(BenchBrowser browser, Account account) {
    }

    /** A measured page: who opens it and where. */
    record Page(String name, Role role, Function<User, String> path) {
    }

    /** What one page measured at one size. */
    record Result(double median, double p90, double perSecond) {
    }

    /** A 16-user pass: answers per second after the warm-up, and every answer including the warm-up's. */
    record Throughput(double perSecond, long answers) {
    }

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(args[1], Path.of(args[2]));
            return;
        }
        Map<String, String> options = options(args);
        List<Integer> sizes = Arrays.stream(options.getOrDefault("sizes", "1000,10000").split(","))
                .map(s -> Integer.parseInt(s.strip())).toList();
        String memory = options.getOrDefault("memory", "10000");
        if (options.containsKey("pages")) {
            onlyPages = Set.of(options.get("pages").split(","));
        }
        boolean keep = Boolean.parseBoolean(options.getOrDefault("keep", "false"));
        String audit = options.getOrDefault("audit", "off");
        if (!audit.equals("off") && !audit.equals("compare")) {
            throw new IllegalArgumentException("audit=" + audit + ": only audit=compare (or off, the default)");
        }
        String order = options.getOrDefault("audit.order", "AUUA");
        if (!order.matches("[AU]*A[AU]*") || !order.contains("U")) {
            throw new IllegalArgumentException("audit.order=" + order + ": A (audited) and U (unaudited), both");
        }
        List<String> auditLines = new ArrayList<>();
        String run = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        System.out.printf("run %s: schemas bench_scale_%s_<size>, data directories %s%n", run, run,
                Path.of(System.getProperty("java.io.tmpdir"), "exitwork-bench-scale-" + run + "-<size>"));
        Map<Integer, Map<String, Result>> all = new LinkedHashMap<>();
        Map<Integer, String> summaries = new LinkedHashMap<>();
        List<String> memoryLines = new ArrayList<>();
        try {
            for (int size : sizes) {
                String schema = "bench_scale_" + run + "_" + size;
                Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "exitwork-bench-scale-" + run + "-" + size);
                World world;
                Map<String, Result> results;
                try (BenchDatabase db = BenchDatabase.named(BenchDatabase.POSTGRESQL, schema)) {
                    BenchApplication app = BenchApplication.startKept(dataDir, WebApplicationType.SERVLET,
                            settings(db));
                    try {
                        world = load(app, db, size, schema, dataDir);
                        System.out.printf("%n%,d clients: %s%n", size, world.summary());
                        results = measure(BenchBrowser.base(app), world, true, "");
                    } finally {
                        app.close();
                    }
                    if (audit.equals("compare")) {
                        auditLines.addAll(auditCompare(db, world, order));
                    }
                }
                all.put(size, results);
                summaries.put(size, world.summary());
                if (memory.equals(String.valueOf(size))) {
                    memoryLines.addAll(memoryRun(world));
                }
            }
        } finally {
            if (!keep) {
                for (int size : sizes) {
                    BenchDatabase.drop(BenchDatabase.POSTGRESQL, "bench_scale_" + run + "_" + size);
                    BenchApplication.delete(Path.of(System.getProperty("java.io.tmpdir"),
                            "exitwork-bench-scale-" + run + "-" + size));
                }
            }
        }
        print(all, summaries, memoryLines);
        auditLines.forEach(System.out::println);
    }

    /** {@code name=value} pairs from the arguments, else from {@code -Dbench.args}. */
    private static Map<String, String> options(String[] args) {
        String[] given = args.length > 0 ? args : System.getProperty("bench.args", "").strip().split("\\s+");
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : given) {
            if (!a.isBlank()) {
                int eq = a.indexOf('=');
                options.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return options;
    }

    private static String[] settings(BenchDatabase db) {
        List<String> s = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
                // 48 people sign in from one address within a minute.
                "--exitwork.sign-in.per-address=100000"));
        s.addAll(Arrays.asList(db.settings()));
        return s.toArray(String[]::new);
    }

    // ---------------------------------------------------------------- loading

    private static World load(BenchApplication app, BenchDatabase db, int clients, String schema, Path dataDir)
            throws SQLException, InterruptedException {
        long started = System.nanoTime();
        var context = app.context();
        AccountAdministration accounts = context.getBean(AccountAdministration.class);
        LocalDate today = LocalDate.now(context.getBean(Clock.class));
        UUID org = accounts.createOrganisation("Bench e.V.", "bench-admin", "Admin").member().organisationId();
        List<Account> managers = new ArrayList<>();
        List<Account> officers = new ArrayList<>();
        StaffPrincipal manager = null;
        for (int i = 0; i < USERS; i++) {
            AccountAdministration.NewAccount m = accounts.createStaff(org, "manager-" + i, "Manager " + i, Role.MANAGER,
                    false);
            managers.add(new Account(m.member().username(), m.temporaryPassword(), Role.MANAGER, null));
            if (manager == null) {
                manager = principal(m.member());
            }
            AccountAdministration.NewAccount o = accounts.createStaff(org, "officer-" + i, "Officer " + i,
                    Role.DATA_PROTECTION_OFFICER, false);
            officers.add(new Account(o.member().username(), o.temporaryPassword(), Role.DATA_PROTECTION_OFFICER, null));
        }
        ProgrammeForBenchmarks programme = context.getBean(ProgrammeForBenchmarks.class);
        UUID programmeId = programme.design(manager, "Bench programme", 3);

        // The clients: one load per pair of practitioners, each carrying CASELOAD cases.
        CaseWorkForBenchmarks caseWork = context.getBean(CaseWorkForBenchmarks.class);
        List<Account> practitioners = new ArrayList<>();
        List<UUID> actors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long sessions = 0;
        int loads = Math.max(1, clients / CASELOAD);
        for (int k = 0; k < loads; k++) {
            AccountAdministration.NewAccount a = accounts.createStaff(org, "prac-" + (2 * k), "Practitioner " + (2 * k),
                    Role.PRACTITIONER, false);
            AccountAdministration.NewAccount b = accounts.createStaff(org, "prac-" + (2 * k + 1),
                    "Practitioner " + (2 * k + 1), Role.PRACTITIONER, false);
            CaseWorkForBenchmarks.Loaded loaded = caseWork.load(CaseWorkForBenchmarks.Load.of(principal(a.member()),
                    principal(b.member()), manager, Math.min(CASELOAD, clients), SESSIONS_PER_CLIENT, today)
                    .inProgramme(programmeId).seed(k + 1).withoutRecount());
            sessions += loaded.sessions();
            practitioners.add(new Account(a.member().username(), a.temporaryPassword(), Role.PRACTITIONER,
                    loaded.clientIds().get(0), loaded.clientIds().get(Math.min(2, loaded.clientIds().size() - 1))));
            practitioners.add(new Account(b.member().username(), b.temporaryPassword(), Role.PRACTITIONER,
                    loaded.clientIds().get(1), loaded.clientIds().get(Math.min(3, loaded.clientIds().size() - 1))));
            actors.add(a.member().id());
            names.add(a.member().displayName());
            actors.add(b.member().id());
            names.add(b.member().displayName());
        }
        // One recount after the last load, not one after each (which would make the load quadratic).
        caseWork.recount(org);
        long clientsLoaded = System.nanoTime();

        // Partners and a funder with its reporting agreement, through the services.
        PartnersForBenchmarks partners = context.getBean(PartnersForBenchmarks.class);
        PartnerKind[] kinds = { PartnerKind.PROBATION, PartnerKind.HOUSING, PartnerKind.EMPLOYMENT, PartnerKind.HEALTH,
            PartnerKind.YOUTH_AND_FAMILY, PartnerKind.GRASS_ROOTS, PartnerKind.FAMILY_SUPPORT, PartnerKind.POLICE };
        for (int i = 0; i < clients / 100; i++) {
            partners.register(manager, String.format("Partner %05d", i), kinds[i % kinds.length]);
        }
        UUID funder = partners.register(manager, "Bench Foundation", PartnerKind.FUNDER);
        programme.agree(manager, programmeId, funder, YearMonth.from(today).minusMonths(12).atDay(1));

        // The organisation's audit history: its own chain, made longer.
        long audited = (long) clients * AUDIT_PER_CLIENT;
        Path keyFile = Path.of(context.getEnvironment().getRequiredProperty("exitwork.audit.key-file"));
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            AuditBulkLoad.extend(c, keyFile, org, actors.toArray(UUID[]::new), names.toArray(String[]::new), audited);
        }

        // Groups, as a practitioner makes them at /groups/new.
        Account leader = practitioners.get(0);
        BenchBrowser browser = signIn(BenchBrowser.base(app), leader);
        String[] settings = { "SCHOOL", "YOUTH_WORK", "PRISON", "OTHER" };
        for (int i = 0; i < clients / 100; i++) {
            BenchBrowser.expect(browser.post("/groups", Map.of("name", String.format("Group %05d", i),
                    "setting", settings[i % settings.length], "institution", "Institution " + (i % 37))), 302);
        }
        long loadedAt = System.nanoTime();
        db.settle(context.getBean(DataSource.class));
        String summary = String.format(Locale.ROOT, "%,d clients with %,d sessions, %d practitioners (%d cases each),"
                + " %,d partners, %,d groups, %,d audit entries; clients in %.0f s, the rest in %.0f s,"
                + " VACUUM ANALYZE in %.0f s", practitioners.size() / 2 * Math.min(CASELOAD, clients), sessions,
                practitioners.size(), Math.min(CASELOAD, clients), clients / 100 + 1, clients / 100, audited,
                (clientsLoaded - started) / 1e9, (loadedAt - clientsLoaded) / 1e9, (System.nanoTime() - loadedAt) / 1e9);
        return new World(clients, schema, dataDir, programmeId, practitioners, managers, officers, summary);
    }

    private static StaffPrincipal principal(StaffMember m) {
        return new StaffPrincipal(m.id(), m.organisationId(), m.username(), m.displayName(), m.role());
    }

    // ---------------------------------------------------------------- measuring

    /** With {@code pages=overview,dashboard} (names as printed, "verification" for it) only those pages. */
    private static Set<String> onlyPages;

    private static boolean measured(String page) {
        return onlyPages == null || onlyPages.contains(page);
    }

    static List<Page> pages(World w) {
        return List.of(
                new Page("case list", Role.PRACTITIONER, u -> "/cases"),
                new Page("case list, filtered", Role.PRACTITIONER, u -> "/cases?stage=CLIENT&overdue=true"),
                new Page("case", Role.PRACTITIONER, u -> "/cases/" + u.account().caseId),
                new Page("sessions", Role.PRACTITIONER, u -> "/cases/" + u.account().caseId + "/sessions"),
                new Page("client report (PDF)", Role.PRACTITIONER,
                        u -> "/cases/" + u.account().caseId + "/client-report/report"),
                new Page("note search", Role.PRACTITIONER, u -> "/cases/search?q=" + SEARCH),
                new Page("groups", Role.PRACTITIONER, u -> "/groups"),
                new Page("appointments", Role.PRACTITIONER, u -> "/safety/appointments"),
                new Page("overview", Role.MANAGER, u -> "/manage/overview"),
                new Page("dashboard", Role.MANAGER, u -> "/programmes/" + w.programmeId() + "/dashboard"),
                new Page("partners", Role.MANAGER, u -> "/network/partners"),
                new Page("referrals", Role.MANAGER, u -> "/referrals"),
                new Page("audit log", Role.DATA_PROTECTION_OFFICER, u -> "/audit"));
    }

    /**
     * Signs in 16 people of each role and measures every page at 1 user (median, p90) and 16 (requests per
     * second); with {@code single} also the verification, at 1 user.
     */
    static Map<String, Result> measure(String base, World w, boolean single, String label) throws Exception {
        return measure(base, w, single, label, new LinkedHashMap<>());
    }

    /** The same, noting in {@code windows} when each page's 16-user pass began and ended. */
    static Map<String, Result> measure(String base, World w, boolean single, String label,
            Map<String, Instant[]> windows) throws Exception {
        Map<Role, List<User>> users = new LinkedHashMap<>();
        users.put(Role.PRACTITIONER, signIn(base, w.practitioners().subList(0, Math.min(USERS, w.practitioners().size()))));
        users.put(Role.MANAGER, signIn(base, w.managers()));
        users.put(Role.DATA_PROTECTION_OFFICER, signIn(base, w.officers()));
        Map<String, Result> results = new LinkedHashMap<>();
        System.out.printf("%n%s%,d clients: load average %s%n", label, w.clients(), loadAverage());
        System.out.printf("%-22s %10s %10s %14s%n", "page", "median ms", "p90 ms", USERS + " users req/s");
        for (Page page : pages(w)) {
            if (!measured(page.name())) {
                continue;
            }
            List<User> who = users.get(page.role());
            // The 16 users first: their seconds of work warm the page up for the one user measured after them.
            Instant began = Instant.now();
            double perSecond = concurrent(who, page);
            windows.put(page.name(), new Instant[] { began, Instant.now() });
            double[] times = single ? single(who.get(0), page) : null;
            Result r = new Result(times == null ? Double.NaN : percentile(times, 50),
                    times == null ? Double.NaN : percentile(times, 90), perSecond);
            results.put(page.name(), r);
            System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %14.1f%n", page.name(), r.median(), r.p90(), r.perSecond());
        }
        if (single && measured("verification")) {
            User officer = users.get(Role.DATA_PROTECTION_OFFICER).get(0);
            verify(officer);
            double[] times = new double[3];
            for (int i = 0; i < times.length; i++) {
                times[i] = verify(officer);
            }
            Result r = new Result(percentile(times, 50), percentile(times, 90), Double.NaN);
            results.put("verification (full)", r);
            System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %14s%n", "verification (full)", r.median(), r.p90(), "-");
        }
        System.out.printf("%s%,d clients: load average %s%n", label, w.clients(), loadAverage());
        return results;
    }

    private static List<User> signIn(String base, List<Account> accounts) throws InterruptedException {
        List<User> users = new ArrayList<>();
        for (Account a : accounts) {
            users.add(new User(signIn(base, a), a));
        }
        return users;
    }

    /** Signs the account in: the first time with enrolment, later with a code of a step not used yet. */
    static BenchBrowser signIn(String base, Account a) throws InterruptedException {
        BenchBrowser b = new BenchBrowser(base);
        while (Instant.now().getEpochSecond() / 30 <= a.step) {
            Thread.sleep(500);
        }
        if (a.secret == null) {
            b.signInFirstTime(a.username, a.password);
            a.secret = b.secret();
        } else {
            b.signIn(a.username, a.password, a.secret);
        }
        // The code was computed at some moment of the sign-in; at the latest in this step.
        a.step = Instant.now().getEpochSecond() / 30;
        return b;
    }

    private static double[] single(User user, Page page) {
        String path = page.path().apply(user);
        for (int i = 0; i < WARM_UP; i++) {
            BenchBrowser.expect(user.browser().get(path), 200);
        }
        double[] times = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            BenchBrowser.expect(user.browser().get(path), 200);
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        return times;
    }

    /**
     * 16 people open the page again and again: the answers that came after the warm-up, per second, from the
     * end of the warm-up to the last answer. It runs for the window, and longer (up to a minute) until there
     * are at least two answers per person, so that a slow page is not counted as none.
     */
    private static double concurrent(List<User> users, Page page) throws Exception {
        return concurrent(users, page, CONCURRENT_WARM_UP, CONCURRENT_WINDOW).perSecond();
    }

    /** The same with another warm-up and window; also counts every answer, the warm-up's too. */
    private static Throughput concurrent(List<User> users, Page page, Duration warmUp, Duration window)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long until = from + window.toNanos();
        long limit = from + Duration.ofMinutes(1).toNanos();
        int enough = 2 * users.size();
        AtomicLong done = new AtomicLong();
        AtomicLong answers = new AtomicLong();
        AtomicLong last = new AtomicLong(from);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (User u : users) {
                String path = page.path().apply(u);
                futures.add(pool.submit(() -> {
                    while (true) {
                        long t = System.nanoTime();
                        if (t >= limit || (t >= until && done.get() >= enough)) {
                            return null;
                        }
                        BenchBrowser.expect(u.browser().get(path), 200);
                        long end = System.nanoTime();
                        answers.incrementAndGet();
                        if (end >= from) {
                            done.incrementAndGet();
                            last.accumulateAndGet(end, Math::max);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Throughput(done.get() / ((last.get() - from) / 1e9), answers.get());
    }

    /** The DPO's verification in full, from the button to the page that tells the outcome, in ms. */
    private static double verify(User officer) throws InterruptedException {
        long t = System.nanoTime();
        HttpResponse<String> started = BenchBrowser.expect(officer.browser().post("/audit/verify",
                Map.of("extent", "FULL")), 302);
        String job = started.headers().firstValue("Location").orElseThrow();
        String path = job.startsWith("http") ? java.net.URI.create(job).getPath() : job;
        while (true) {
            String page = BenchBrowser.expect(officer.browser().get(path), 200).body();
            if (!RUNNING.matcher(page).find()) {
                double ms = (System.nanoTime() - t) / 1e6;
                if (!page.contains("class=\"notice\" role=\"status\"")) {
                    throw new IllegalStateException("the verification did not find the log intact");
                }
                return ms;
            }
            Thread.sleep(100);
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------- 256 MB

    /** In a JVM of its own: the application on a loaded schema and data directory, until stdin closes. */
    private static void serve(String schema, Path dataDir) throws IOException {
        try (BenchDatabase db = BenchDatabase.named(BenchDatabase.POSTGRESQL, schema)) {
            BenchApplication app = BenchApplication.startKept(dataDir, WebApplicationType.SERVLET, settings(db));
            try {
                System.out.println("base=" + BenchBrowser.base(app));
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the driver closes the pipe
                }
            } finally {
                app.close();
            }
        }
    }

    /** The application again at this size with -Xmx256m and GC logging; the 16-user pass against it. */
    private static List<String> memoryRun(World w) throws Exception {
        // A directory of its own: the JVM would rotate a file that exists already (to gc.log.0).
        Path gcDir = Files.createTempDirectory("exitwork-bench-scale-gc-");
        Path gcLog = gcDir.resolve("gc.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-cp",
                System.getProperty("java.class.path"), ScaleBenchmark.class.getName(), "serve", w.schema(),
                w.dataDir().toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String base = null;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("base=")) {
                    base = line.substring(5);
                    break;
                }
                System.out.println("  [256m] " + line);
            }
            if (base == null) {
                throw new IllegalStateException("the 256 MB application did not start");
            }
            // The PDF renderer's note about its fallback font, once per report, is left out.
            Thread drain = new Thread(() -> out.lines().filter(l -> !l.contains("pdfbox"))
                    .forEach(l -> System.out.println("  [256m] " + l)));
            drain.setDaemon(true);
            drain.start();
            Instant jvmStart = child.info().startInstant().orElse(Instant.now());
            double from = Duration.between(jvmStart, Instant.now()).toMillis() / 1e3;
            Map<String, Instant[]> windows = new LinkedHashMap<>();
            Map<String, Result> results = measure(base, w, false, "-Xmx256m, ", windows);
            double to = Duration.between(jvmStart, Instant.now()).toMillis() / 1e3;
            child.getOutputStream().close();
            child.waitFor();
            double[] all = pauses(gcLog, 0, Double.MAX_VALUE);
            double[] under = pauses(gcLog, from, to);
            lines.add(String.format(Locale.ROOT, "-Xmx256m at %,d clients, %d users on every page (%.0f s):"
                    + " %d GC pauses, longest %.1f ms, total %.0f ms (%.2f %% of the time)", w.clients(), USERS, to - from,
                    (int) under[0], under[1], under[2], under[2] / ((to - from) * 10)));
            lines.add(String.format(Locale.ROOT, "  whole life of that JVM (start-up included, %.0f s): %d pauses,"
                    + " longest %.1f ms, total %.0f ms", to, (int) all[0], all[1], all[2]));
            lines.add(String.format(Locale.ROOT, "  case list at %d users under -Xmx256m: %.1f requests/s",
                    USERS, results.get("case list").perSecond()));
            lines.add(String.format(Locale.ROOT, "    %-22s %8s %8s %12s %10s", "page", "req/s", "pauses",
                    "longest ms", "total ms"));
            for (var e : results.entrySet()) {
                Instant[] window = windows.get(e.getKey());
                double[] p = pauses(gcLog, Duration.between(jvmStart, window[0]).toMillis() / 1e3,
                        Duration.between(jvmStart, window[1]).toMillis() / 1e3);
                lines.add(String.format(Locale.ROOT, "    %-22s %8.1f %8d %12.1f %10.0f", e.getKey(),
                        e.getValue().perSecond(), (int) p[0], p[1], p[2]));
            }
            long full = Files.readAllLines(gcLog).stream().filter(l -> l.contains("Pause Full")).count();
            lines.add("  full collections (Pause Full) in that JVM's life: " + full);
        } finally {
            if (child.isAlive()) {
                child.destroy();
            }
            BenchApplication.delete(gcDir);
        }
        return lines;
    }

    /** Count, longest and total pause (ms) of the pauses that began between {@code from} and {@code to} s uptime. */
    static double[] pauses(Path gcLog, double from, double to) throws IOException {
        double count = 0;
        double longest = 0;
        double total = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = PAUSE.matcher(line.strip());
            if (m.find()) {
                double at = Double.parseDouble(m.group(1));
                double ms = Double.parseDouble(m.group(2));
                if (at >= from && at <= to) {
                    count++;
                    longest = Math.max(longest, ms);
                    total += ms;
                }
            }
        }
        return new double[] { count, longest, total };
    }

    // ---------------------------------------------------------------- audit=compare (issue 19)

    /**
     * The pages measured with and without the audit log: a practitioner's, each about one case or the own
     * caseload. The client report is of {@link Account#reportCaseId}, a case the other pages leave alone,
     * so its list of the entries about the client grows only by the report's own.
     */
    static List<Page> comparedPages() {
        return List.of(
                new Page("case list", Role.PRACTITIONER, u -> "/cases"),
                new Page("case", Role.PRACTITIONER, u -> "/cases/" + u.account().caseId),
                new Page("sessions", Role.PRACTITIONER, u -> "/cases/" + u.account().caseId + "/sessions"),
                new Page("note search", Role.PRACTITIONER, u -> "/cases/search?q=" + SEARCH),
                new Page("client report (PDF)", Role.PRACTITIONER,
                        u -> "/cases/" + u.account().reportCaseId + "/client-report/report"));
    }

    /**
     * The application started once per letter of {@code order} on this size's schema and data directory,
     * {@code A} as it is, {@code U} with {@link UnauditedLog} in place of its audit log; each time the 16
     * practitioners sign in, open every page {@value #COMPARE_ROUNDS} times, and every page is measured at 16
     * users. Returns the table.
     */
    private static List<String> auditCompare(BenchDatabase db, World w, String order) throws Exception {
        List<Page> pages = comparedPages();
        int runs = order.length();
        Map<String, double[]> perSecond = new LinkedHashMap<>();
        Map<String, long[]> answers = new LinkedHashMap<>();
        Map<String, long[]> entries = new LinkedHashMap<>();
        for (Page page : pages) {
            perSecond.put(page.name(), new double[runs]);
            answers.put(page.name(), new long[runs]);
            entries.put(page.name(), new long[runs]);
        }
        List<String> loads = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            boolean audited = order.charAt(run) == 'A';
            String label = String.format("run %d (%s)", run + 1, audited ? "audited" : "unaudited");
            BenchApplication app = audited
                    ? BenchApplication.startKept(w.dataDir(), WebApplicationType.SERVLET, settings(db))
                    : BenchApplication.startKept(w.dataDir(), WebApplicationType.SERVLET, UnauditedLog.initializer(),
                            settings(db));
            try {
                if ((app.context().getBean(AuditLog.class) instanceof UnauditedLog) == audited) {
                    throw new IllegalStateException(label + " runs with the wrong audit log");
                }
                DataSource data = app.context().getBean(DataSource.class);
                String base = BenchBrowser.base(app);
                List<User> users = signIn(base, w.practitioners().subList(0, Math.min(USERS, w.practitioners().size())));
                for (Page page : pages) {
                    rounds(users, page, COMPARE_ROUNDS);
                }
                String before = loadAverage();
                System.out.printf("%n%,d clients, audit=compare, %s: load average %s%n", w.clients(), label, before);
                for (Page page : pages) {
                    long written = auditEntries(data);
                    Throughput t = concurrent(users, page, COMPARE_WARM_UP, COMPARE_WINDOW);
                    written = auditEntries(data) - written;
                    perSecond.get(page.name())[run] = t.perSecond();
                    answers.get(page.name())[run] = t.answers();
                    entries.get(page.name())[run] = written;
                    System.out.printf(Locale.ROOT, "  %-22s %8.1f req/s at %d users, %.2f audit entries per request%n",
                            page.name(), t.perSecond(), users.size(), (double) written / t.answers());
                }
                String after = loadAverage();
                loads.add(String.format("  %s: load average before %s, after %s", label, before, after));
            } finally {
                app.close();
            }
        }
        return compareTable(w, order, pages, perSecond, answers, entries, loads);
    }

    /** Every user opens the page {@code times} times, all users at once; only a 200 is accepted. */
    private static void rounds(List<User> users, Page page, int times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (User u : users) {
                String path = page.path().apply(u);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < times; i++) {
                        BenchBrowser.expect(u.browser().get(path), 200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Audit entries in the database, linked or still waiting (one statement, so one snapshot). */
    private static long auditEntries(DataSource data) throws SQLException {
        try (Connection c = data.getConnection();
                var statement = c.createStatement();
                var rows = statement.executeQuery(
                        "SELECT (SELECT COUNT(*) FROM aud_entry) + (SELECT COUNT(*) FROM aud_pending)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> compareTable(World w, String order, List<Page> pages, Map<String, double[]> perSecond,
            Map<String, long[]> answers, Map<String, long[]> entries, List<String> loads) {
        int runs = order.length();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format("Audit off the critical path (issue 19), %,d clients on PostgreSQL: requests/s at %d users,"
                + " runs in the order %s", w.clients(), USERS, order));
        lines.add("  (A: the application as it is; U: the same with only its AuditLog replaced by one that records"
                + " nothing)");
        StringBuilder head = new StringBuilder(String.format("%-22s", "page"));
        for (int run = 0; run < runs; run++) {
            head.append(String.format("%9s", (run + 1) + " " + order.charAt(run)));
        }
        head.append(String.format("%10s%10s%8s%16s%14s", "audited", "unaudited", "A/U", "A/U by pair", "entries/req"));
        lines.add(head.toString());
        for (Page page : pages) {
            double[] rate = perSecond.get(page.name());
            StringBuilder row = new StringBuilder(String.format("%-22s", page.name()));
            List<Double> a = new ArrayList<>();
            List<Double> u = new ArrayList<>();
            long aAnswers = 0;
            long aEntries = 0;
            long uAnswers = 0;
            long uEntries = 0;
            for (int run = 0; run < runs; run++) {
                row.append(String.format(Locale.ROOT, "%9.1f", rate[run]));
                if (order.charAt(run) == 'A') {
                    a.add(rate[run]);
                    aAnswers += answers.get(page.name())[run];
                    aEntries += entries.get(page.name())[run];
                } else {
                    u.add(rate[run]);
                    uAnswers += answers.get(page.name())[run];
                    uEntries += entries.get(page.name())[run];
                }
            }
            double audited = a.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double unaudited = u.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            StringBuilder pairs = new StringBuilder();
            for (int k = 0; k < Math.min(a.size(), u.size()); k++) {
                pairs.append(String.format(Locale.ROOT, " %.2fx", a.get(k) / u.get(k)));
            }
            row.append(String.format(Locale.ROOT, "%10.1f%10.1f%8s%16s%14s", audited, unaudited,
                    String.format(Locale.ROOT, "%.2fx", audited / unaudited), pairs.toString().strip(),
                    String.format(Locale.ROOT, "%.2f / %.2f", (double) aEntries / aAnswers, (double) uEntries / uAnswers)));
            lines.add(row.toString());
        }
        lines.add("  (audited, unaudited: mean requests/s of the A runs and of the U runs; A/U by pair: the k-th A run"
                + " / the k-th U run; entries/req: audit entries written per request in the A runs / the U runs;"
                + " goal A/U >= 0.9)");
        lines.addAll(loads);
        return lines;
    }

    // ---------------------------------------------------------------- the table

    private static void print(Map<Integer, Map<String, Result>> all, Map<Integer, String> summaries,
            List<String> memoryLines) {
        List<Integer> sizes = new ArrayList<>(all.keySet());
        System.out.println();
        System.out.println("Exitwork at scale on PostgreSQL (issue 19): median / p90 ms at 1 user, requests/s at "
                + USERS + " users");
        for (int size : sizes) {
            System.out.printf("  %,d clients: %s%n", size, summaries.get(size));
        }
        StringBuilder head = new StringBuilder(String.format("%-22s", "page"));
        for (int size : sizes) {
            head.append(String.format("%28s", String.format("%,d: ms / p90 / req/s", size)));
        }
        for (int i = 1; i < sizes.size(); i++) {
            head.append(String.format("%16s", String.format("%,d/%,d", sizes.get(i), sizes.get(0))));
        }
        System.out.println(head);
        for (String page : all.get(sizes.get(0)).keySet()) {
            StringBuilder row = new StringBuilder(String.format("%-22s", page));
            for (int size : sizes) {
                Result r = all.get(size).get(page);
                row.append(String.format(Locale.ROOT, "%28s", String.format(Locale.ROOT, "%.1f / %.1f / %s", r.median(),
                        r.p90(), Double.isNaN(r.perSecond()) ? "-" : String.format(Locale.ROOT, "%.1f", r.perSecond()))));
            }
            Result first = all.get(sizes.get(0)).get(page);
            for (int i = 1; i < sizes.size(); i++) {
                Result r = all.get(sizes.get(i)).get(page);
                row.append(String.format(Locale.ROOT, "%16s", String.format(Locale.ROOT, "%.2fx", r.median() / first.median())));
            }
            System.out.println(row);
        }
        System.out.println("(the ratio: median at the larger size / median at the smallest; goal at most 2x)");
        memoryLines.forEach(System.out::println);
    }
}
