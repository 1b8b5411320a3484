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
     * What a search found.
     *
     * @param result the search's own result, so that nothing of the work can be optimised away
     */
    record Found(int hits, int casesSearched, boolean more, Object result) {
    }
}
