package org.exitwork.bench.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.exitwork.bench.BenchApplication;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.CaseWorkForBenchmarks;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application as it runs, on an embedded H2 database in a temporary directory, with one
 * organisation and a tandem of two practitioners. Clients are taken on through the public API
 * ({@link CaseWork}); their encrypted session notes are written through the real write path,
 * {@link CaseWork#writeNote} (access check, encryption with the client's key, insert, audit entry),
 * with the calls for one client joined in one transaction so that setting up thousands of notes
 * does not dominate the run. "Plain" clients get the same rows in the same table, written with the
 * same SQL ({@link CaseWorkForBenchmarks#writePlainNote}, the module's test-support API) but with the
 * text stored as UTF-8 bytes: encryption switched off, in the harness only.
 */
final class BenchWorld implements AutoCloseable {

    /**
     * Marks every {@link #NEEDLE_EVERY}th note, so a search has something to find. Rare enough that a
     * caseload of 10,000 notes gives fewer hits than the search's limit (100): every search reads
     * every note.
     */
    static final String NEEDLE = "Probation Officer Meyer";
    static final String QUERY = "probation officer MEYER";
    static final int NEEDLE_EVERY = 250;

    private static final String[] WORDS = ("talked about the week at school and the new job training, family visit "
            + "on sunday, old friends from the group called again, he did not answer, we discussed what loyalty means, "
            + "anger when the topic came up, plans for the apprenticeship, sleep is better, sister supports the exit, "
            + "worried about debts, agreed next steps, music and the old symbols, deleted the chat, talked to the "
            + "mother, doubts, pride, the court date, the football club, work agreement reviewed, felt respected")
            .split(" ");

    private final BenchApplication application;
    private final ConfigurableApplicationContext context;
    final CaseWork caseWork;
    final CaseWorkForBenchmarks measured;
    final TransactionTemplate tx;
    final Clock clock;
    final StaffPrincipal practitioner;
    final StaffPrincipal colleague;
    private final StaffPrincipal manager;
    private final Random random = new Random(42);
    private int noteCounter;

    private final org.exitwork.bench.BenchDatabase database;

    private BenchWorld(BenchApplication application, org.exitwork.bench.BenchDatabase database) {
        this.application = application;
        this.database = database;
        this.context = application.context();
        this.caseWork = context.getBean(CaseWork.class);
        this.measured = context.getBean(CaseWorkForBenchmarks.class);
        this.tx = context.getBean(TransactionTemplate.class);
        this.clock = context.getBean(Clock.class);
        BenchApplication.Staff staff = application.staff();
        this.practitioner = staff.practitioner();
        this.colleague = staff.colleague();
        this.manager = staff.manager();
    }

    static BenchWorld start() {
        return new BenchWorld(BenchApplication.start("exitwork-bench-", WebApplicationType.NONE), null);
    }

    /** The same on {@code database} ({@code h2} or {@code postgresql}, see {@link org.exitwork.bench.BenchDatabase}). */
    static BenchWorld start(String database) {
        org.exitwork.bench.BenchDatabase db = org.exitwork.bench.BenchDatabase.of(database, "bench_erasure_");
        return new BenchWorld(BenchApplication.start("exitwork-bench-", WebApplicationType.NONE, db.settings()), db);
    }

    /** A client taken on the way R1 asks (prospect, safety discussion, consent), carried by the tandem. */
    UUID client() {
        UUID id = caseWork.openProspect(practitioner,
                new NewProspect(Pathway.SELF_REFERRAL, Set.of(PhenomenonArea.UNCLEAR), false)).id();
        caseWork.recordSafetyDiscussion(manager, id, new SafetyDiscussion(LocalDate.now(clock).minusDays(1),
                "Risks to staff considered", Set.of(practitioner.id())));
        caseWork.takeOn(practitioner, id, new ParticipationConsent(LocalDate.now(clock).minusDays(1),
                InformedHow.TALK_AND_TEXT_HANDED_OVER, caseWork.currentInformationText(practitioner.organisationId(), "en"),
                "en"), new ClientIdentity("Bench Person " + id, LocalDate.of(1999, 1, 2), "contact", "alias"),
                Tandem.with(colleague.id()));
        return id;
    }

    /**
     * {@code count} session notes of about 600 characters on consecutive past days. Encrypted: through
     * {@link CaseWork#writeNote}, the real write path. Plain: the same row, same SQL, UTF-8 bytes.
     */
    void notes(UUID clientId, int count, boolean encrypted) {
        tx.executeWithoutResult(status -> {
            LocalDate day = LocalDate.now(clock).minusDays(count);
            for (int i = 0; i < count; i++) {
                String text = noteText();
                if (encrypted) {
                    caseWork.writeNote(practitioner, clientId, day.plusDays(i), text);
                } else {
                    measured.writePlainNote(practitioner, clientId, day.plusDays(i), text);
                }
            }
        });
    }

    private String noteText() {
        StringBuilder text = new StringBuilder(700);
        if (++noteCounter % NEEDLE_EVERY == 0) {
            text.append("Met ").append(NEEDLE).append(" together with the client. ");
        }
        while (text.length() < 600) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.toString().strip();
    }

    /** A bean of the running application, by its public API type. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        application.close();
        if (database != null) {
            database.close();
        }
    }
}
