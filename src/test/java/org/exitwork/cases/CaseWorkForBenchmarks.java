package org.exitwork.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.modulith.NamedInterface;

/**
 * For benchmarks and tests only: the case file's read paths, each with a twin that does the same
 * work on notes stored without encryption, and the ending and erasure of a case. A bean only where
 * {@code exitwork.bench.enabled=true} (never in a running installation: it writes notes in plain
 * text); it lives in the test sources, so it never ships and no production class can use it.
 */
@NamedInterface("test-support")
public interface CaseWorkForBenchmarks {

    /** The property that makes this a bean. */
    String ENABLED = "exitwork.bench.enabled";

    /** A note with only a date and a body, in the same table with the same SQL, its body as UTF-8 bytes. */
    void writePlainNote(StaffPrincipal practitioner, UUID clientId, LocalDate day, String text);

    /** The real read path of the sessions page (access check, rows, names, decryption, audit entry). */
    Object sessionsPage(StaffPrincipal practitioner, UUID clientId);

    /** The sessions page's query, each body decrypted with the client's key as the page does. */
    List<String> sessionNotesDecrypted(UUID clientId);

    /** The same query on a client with plain notes, the bodies read as UTF-8. */
    List<String> sessionNotesPlain(UUID clientId);

    /** The real note search (the caseload's ciphertexts, decryption, matching, snippets, audit entry). */
    Found searchNotes(StaffPrincipal practitioner, String query);

    /** The same scan, matching and snippets on plain notes: no keys, no decryption, no audit entry. */
    Found searchPlainNotes(StaffPrincipal practitioner, String query);

    /** Ended by the client's choice, as {@code POST /cases/{id}/ending/clients-choice} does. */
    void endByClientsChoice(StaffPrincipal practitioner, UUID clientId, LocalDate closedOn, boolean eraseNow);

    /** The erasure a client asks for (access check, row lock, deletion, key shredding, audit entry). */
    void eraseOnRequest(StaffPrincipal practitioner, UUID clientId);

    /**
     * Loads many clients with their sessions at once, for benchmarks of figures over large organisations:
     * every row that opening the prospect ({@code CaseWork.openProspect}), the manager's safety discussion,
     * taking on with consent and a tandem ({@code CaseWork.takeOn}), choosing the programme
     * ({@code CaseProgrammes.assign}) and recording each session ({@code SessionService.record}, then
     * marking next steps done or cancelling, for some) would write, in the same tables and columns with
     * the same values: the client's data key made by {@code ClientKeys.createKey}, every text (identity,
     * risks, note, next steps, cancel reason) sealed with that key through the same {@code FieldCipher.row}
     * as the services seal it, the plain columns set as the services set them. What it leaves out, and
     * says so: the audit entries of those steps, context persons and planned meetings (no
     * {@code next_meeting_*}). It is written in JDBC batches, many clients per transaction, instead of a
     * service call per row, so that a million sessions load in minutes, not hours.
     * {@code LoadedRowsTest} checks the rows against those the services write.
     */
    Loaded load(Load load);

    /** The organisation's figures kept per programme counted anew from its rows, as {@link #load} ends. */
    void recount(UUID organisationId);

    /**
     * What {@link #load} makes: {@code clients} clients of the practitioner's organisation, each carried by
     * the practitioner and the colleague (safety discussion by the manager), each with {@code sessionsPerClient}
     * sessions from shortly after consent up to {@code today}; first contact between
     * {@code firstContactFromDays} and {@code firstContactToDays} days before {@code today}. Everything
     * random comes from {@code seed}, so a size loads the same every time. Later loads add what they need
     * (groups, agreements, audit history) as further components with a default.
     *
     * @param programmeId the programme every case belongs to, or null for none
     * @param nextStepsEvery every how many sessions carries next steps (0: none); a tenth of them stays open
     * @param cancelledEvery every how many sessions was cancelled afterwards (0: none)
     * @param recount whether the load ends by counting the organisation's figures kept per programme anew
     *        (true unless {@link #withoutRecount}; a caller that loads many times and skips it calls
     *        {@link CaseWorkForBenchmarks#recount} after the last)
     */
    record Load(StaffPrincipal practitioner, StaffPrincipal colleague, StaffPrincipal manager, int clients,
            int sessionsPerClient, LocalDate today, UUID programmeId, int firstContactFromDays,
            int firstContactToDays, int nextStepsEvery, int cancelledEvery, long seed, boolean recount) {

        /** A load that ends with the recount. */
        public Load(StaffPrincipal practitioner, StaffPrincipal colleague, StaffPrincipal manager, int clients,
                int sessionsPerClient, LocalDate today, UUID programmeId, int firstContactFromDays,
                int firstContactToDays, int nextStepsEvery, int cancelledEvery, long seed) {
            this(practitioner, colleague, manager, clients, sessionsPerClient, today, programmeId, firstContactFromDays,
                    firstContactToDays, nextStepsEvery, cancelledEvery, seed, true);
        }

        /** First contact 3 months to 4 years ago, next steps in every fifth session, one in a hundred cancelled. */
        public static Load of(StaffPrincipal practitioner, StaffPrincipal colleague, StaffPrincipal manager,
                int clients, int sessionsPerClient, LocalDate today) {
            return new Load(practitioner, colleague, manager, clients, sessionsPerClient, today, null, 90, 1460, 5, 100,
                    42, true);
        }

        public Load inProgramme(UUID programme) {
            return new Load(practitioner, colleague, manager, clients, sessionsPerClient, today, programme,
                    firstContactFromDays, firstContactToDays, nextStepsEvery, cancelledEvery, seed, recount);
        }

        public Load seed(long newSeed) {
            return new Load(practitioner, colleague, manager, clients, sessionsPerClient, today, programmeId,
                    firstContactFromDays, firstContactToDays, nextStepsEvery, cancelledEvery, newSeed, recount);
        }

        /**
         * Without the recount at the end, which reads the whole organisation: for many loads into one
         * organisation (linear instead of quadratic), followed by one {@link CaseWorkForBenchmarks#recount}.
         */
        public Load withoutRecount() {
            return new Load(practitioner, colleague, manager, clients, sessionsPerClient, today, programmeId,
                    firstContactFromDays, firstContactToDays, nextStepsEvery, cancelledEvery, seed, false);
        }
    }

    /**
     * What {@link #load} wrote: the clients' ids in the order made, and counts to check figures against.
     *
     * @param sessions all session rows, cancelled ones included
     * @param overdueNextSteps next steps due before {@code today}, not done, of sessions not cancelled
     */
    record Loaded(List<UUID> clientIds, long sessions, long cancelled, long overdueNextSteps) {
    }

    /**
     * What a search found.
     *
     * @param result the search's own result, so that nothing of the work can be optimised away
     */
    record Found(int hits, int casesSearched, boolean more, Object result) {
    }
}
