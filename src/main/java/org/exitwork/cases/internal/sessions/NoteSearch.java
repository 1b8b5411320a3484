package org.exitwork.cases.internal.sessions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.ForbiddenException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searching the session notes (and next steps) of the practitioner's own cases: only cases where
 * they are in the tandem, never a colleague's, never another organisation's.
 *
 * <p>Why there is no index: notes are encrypted with each client's own key. A plaintext index (or
 * a full-text index of the database) would put the notes back in plain text beside their
 * ciphertext; a deterministic or "searchable" encryption of words would let anyone with the
 * database compare and count words across rows and clients, and it would outlive the client's key,
 * so crypto-shredding (R20) would leave readable traces behind. So nothing searchable rests in the
 * database: the search fetches the ciphertexts of the practitioner's own cases, decrypts them in
 * memory and matches there, newest first, stopping after {@link #LIMIT} hits. Erasure destroys the
 * key and deletes the rows, and no index is left to forget. The cost is one decryption per note of
 * one caseload.
 */
@Service
class NoteSearch {

    static final int MIN_LENGTH = 2;
    static final int MAX_LENGTH = 200;
    static final int LIMIT = 100;

    record Hit(UUID clientId, String pseudonym, UUID sessionId, LocalDate sessionDate, boolean inNextSteps,
            List<SearchText.Part> snippet) {
    }

    /** {@code more}: there were more hits than {@link #LIMIT}. */
    record Result(List<Hit> hits, int casesSearched, boolean more) {
    }

    static class InvalidQueryException extends RuntimeException {
    }

    private final SessionNoteRepository sessions;
    private final ClientKeys keys;
    private final AuditLog audit;

    NoteSearch(SessionNoteRepository sessions, ClientKeys keys, AuditLog audit) {
        this.sessions = sessions;
        this.keys = keys;
        this.audit = audit;
    }

    static boolean acceptable(String query) {
        if (query == null) {
            return false;
        }
        String q = query.strip();
        return q.length() >= MIN_LENGTH && q.length() <= MAX_LENGTH && !SearchText.words(q).isEmpty();
    }

    /** Audited once: how many cases were searched and how many hits; never the query. */
    @Transactional
    public Result search(StaffPrincipal who, String query) {
        CaseAccess.requireCaseRole(who);
        if (!who.is(Role.PRACTITIONER)) {
            throw new ForbiddenException();
        }
        if (!acceptable(query)) {
            throw new InvalidQueryException();
        }
        List<String> words = SearchText.words(query);
        Map<UUID, String> pseudonyms = new HashMap<>();
        sessions.ownCases(who.organisationId(), who.id()).forEach(c -> pseudonyms.put(c.id(), c.pseudonym()));
        // The caseload's keys in one query, not one per case.
        Map<UUID, FieldCipher> ciphers = new HashMap<>(keys.ciphersFor(pseudonyms.keySet()));
        List<Hit> hits = new ArrayList<>();
        boolean more = false;
        try (Stream<SessionNoteRepository.Sealed> sealed = sessions.sealedNotes(who.organisationId(), who.id())) {
            for (SessionNoteRepository.Sealed s : (Iterable<SessionNoteRepository.Sealed>) sealed::iterator) {
                FieldCipher cipher = ciphers.computeIfAbsent(s.clientId(), keys::cipherFor);
                FieldCipher.RowCipher row = cipher.row("cas_session_note", s.sessionId());
                String note = row.open("body", s.body());
                String nextSteps = row.open("next_steps", s.nextSteps());
                if (!SearchText.matches(words, note, nextSteps)) {
                    continue;
                }
                if (hits.size() == LIMIT) {
                    more = true;
                    break;
                }
                List<SearchText.Part> snippet = SearchText.snippet(words, note);
                boolean inNextSteps = snippet == null;
                if (inNextSteps) {
                    snippet = SearchText.snippet(words, nextSteps);
                }
                hits.add(new Hit(s.clientId(), pseudonyms.get(s.clientId()), s.sessionId(), s.sessionDate(),
                        inNextSteps, snippet));
            }
        }
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), SessionActions.NOTES_SEARCHED,
                null, AuditDetail.of(more ? "notes.searched-more" : "notes.searched", pseudonyms.size(), hits.size())));
        return new Result(hits, pseudonyms.size(), more);
    }
}
