package org.exitwork.cases.internal.sessions;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.CaseWorkForBenchmarks;
import org.exitwork.cases.internal.identity.PseudonymGenerator;
import org.exitwork.cases.internal.ending.EndingService;
import org.exitwork.cases.internal.retention.ClientErasure;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link CaseWorkForBenchmarks}: the real services, and their plain twins written with the same queries.
 * It lives in the test sources on purpose: a class that writes notes in plain text must never ship.
 */
@Component
@ConditionalOnProperty(name = CaseWorkForBenchmarks.ENABLED, havingValue = "true")
class MeasuredCaseWork implements CaseWorkForBenchmarks {

    private final JdbcClient jdbc;
    private final SessionService sessions;
    private final SessionNoteRepository notes;
    private final NoteSearch search;
    private final ClientKeys keys;
    private final EndingService ending;
    private final ClientErasure erasure;
    private final Clock clock;
    private final BulkCaseLoader loader;
    private final SessionCounts counts;
    private final org.exitwork.cases.internal.figures.CaseTallies tallies;

    MeasuredCaseWork(JdbcClient jdbc, SessionService sessions, SessionNoteRepository notes, NoteSearch search,
            ClientKeys keys, EndingService ending, ClientErasure erasure, Clock clock, JdbcTemplate jdbcTemplate,
            TransactionTemplate tx, CaseWork caseWork, PseudonymGenerator pseudonyms, SessionCounts counts,
            org.exitwork.cases.internal.figures.CaseTallies tallies) {
        this.jdbc = jdbc;
        this.counts = counts;
        this.tallies = tallies;
        this.sessions = sessions;
        this.notes = notes;
        this.search = search;
        this.keys = keys;
        this.ending = ending;
        this.erasure = erasure;
        this.clock = clock;
        this.loader = new BulkCaseLoader(jdbcTemplate, tx, keys, caseWork, pseudonyms, tallies);
    }

    @Override
    public Loaded load(Load load) {
        return loader.load(load);
    }

    @Override
    public void recount(UUID organisationId) {
        loader.recount(organisationId);
    }

    @Override
    @Transactional
    public void writePlainNote(StaffPrincipal practitioner, UUID clientId, LocalDate day, String text) {
        // The INSERT of CaseRepository.insertNote, with the body's bytes in plain text, and the counts CaseService
        // keeps with it, and the figures kept per programme.
        tallies.touch(clientId);
        jdbc.sql("INSERT INTO cas_session_note (id, client_id, session_date, written_by, written_at, body) VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), clientId, Date.valueOf(day), practitioner.id(), Timestamp.from(clock.instant()),
                        text.getBytes(StandardCharsets.UTF_8))
                .update();
        counts.recorded(clientId, day);
    }

    @Override
    public Object sessionsPage(StaffPrincipal practitioner, UUID clientId) {
        return sessions.page(practitioner, clientId);
    }

    @Override
    @Transactional
    public List<String> sessionNotesDecrypted(UUID clientId) {
        FieldCipher cipher = keys.cipherFor(clientId);
        List<String> texts = new ArrayList<>();
        for (SessionNoteRepository.SessionRow r : notes.sessions(clientId)) {
            texts.add(cipher.row("cas_session_note", r.id()).open("body", r.body()));
        }
        return texts;
    }

    @Override
    @Transactional
    public List<String> sessionNotesPlain(UUID clientId) {
        List<String> texts = new ArrayList<>();
        for (SessionNoteRepository.SessionRow r : notes.sessions(clientId)) {
            texts.add(new String(r.body(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Override
    public Found searchNotes(StaffPrincipal practitioner, String query) {
        NoteSearch.Result result = search.search(practitioner, query);
        return new Found(result.hits().size(), result.casesSearched(), result.more(), result);
    }

    /** NoteSearch.search without keys, access check and audit entry: the bytes are read as UTF-8. */
    @Override
    @Transactional
    public Found searchPlainNotes(StaffPrincipal practitioner, String query) {
        List<String> words = SearchText.words(query);
        Map<UUID, String> pseudonyms = new HashMap<>();
        UUID org = practitioner.organisationId();
        notes.ownCases(org, practitioner.id()).forEach(c -> pseudonyms.put(c.id(), c.pseudonym()));
        List<NoteSearch.Hit> hits = new ArrayList<>();
        boolean more = false;
        try (Stream<SessionNoteRepository.Sealed> sealed = notes.sealedNotes(org, practitioner.id())) {
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
        NoteSearch.Result result = new NoteSearch.Result(hits, pseudonyms.size(), more);
        return new Found(hits.size(), result.casesSearched(), more, result);
    }

    @Override
    public void endByClientsChoice(StaffPrincipal practitioner, UUID clientId, LocalDate closedOn, boolean eraseNow) {
        ending.endByClientsChoice(practitioner, clientId, closedOn, eraseNow);
    }

    @Override
    public void eraseOnRequest(StaffPrincipal practitioner, UUID clientId) {
        erasure.eraseOnRequest(practitioner, clientId);
    }
}
