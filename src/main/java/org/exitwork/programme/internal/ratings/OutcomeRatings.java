package org.exitwork.programme.internal.ratings;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseProgrammes;
import org.exitwork.cases.CaseReference;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.programme.internal.ProgrammeActions;
import org.exitwork.programme.internal.design.Design.Outcome;
import org.exitwork.programme.internal.design.Design.Programme;
import org.exitwork.programme.internal.design.Programmes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Outcomes of the case's programme, rated by the tandem together with the client in a session, as
 * the work agreement's progress is: the score plain (figures count it), the comment sealed with the
 * client's key. Reading follows the case's rules (the tandem, or a colleague who broke the glass);
 * rating is the tandem's.
 */
@Service
class OutcomeRatings {

    static final String TABLE = "prg_outcome_rating";

    record Rating(LocalDate ratedOn, String outcome, int score, int scaleMax, String comment, String recordedBy) {
    }

    record Page(CaseReference ref, Programme programme, List<Rating> ratings, boolean canRate) {
    }

    record NewRating(UUID outcome, int score, String comment) {
    }

    /** Nothing was stored; {@code field} (or the form as a whole when null) gets the message {@code code}. */
    static final class Refused extends RuntimeException {
        final String field;
        final String code;

        Refused(String field, String code) {
            super(code);
            this.field = field;
            this.code = code;
        }
    }

    private final CaseDirectory cases;
    private final CaseProgrammes caseProgrammes;
    private final Programmes programmes;
    private final RatingRepository repository;
    private final ClientKeys keys;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;

    OutcomeRatings(CaseDirectory cases, CaseProgrammes caseProgrammes, Programmes programmes,
            RatingRepository repository, ClientKeys keys, StaffDirectory staff, AuditLog audit, Clock clock) {
        this.cases = cases;
        this.caseProgrammes = caseProgrammes;
        this.programmes = programmes;
        this.repository = repository;
        this.keys = keys;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Page page(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "read outcome ratings");
        Programme programme = programmeOf(ref);
        List<Rating> ratings = List.of();
        if (programme != null) {
            Map<UUID, Outcome> outcomes = programme.outcomesById();
            List<RatingRepository.Row> rows = repository.ofClient(ref.organisationId(), ref.id(), programme.id());
            Map<UUID, String> names = staff.displayNames(ref.organisationId(),
                    rows.stream().map(RatingRepository.Row::recordedBy).toList());
            FieldCipher cipher = keys.cipherFor(ref.id());
            ratings = rows.stream().map(r -> new Rating(r.ratedOn(), outcomes.get(r.outcomeId()).name(), r.score(),
                    outcomes.get(r.outcomeId()).scaleMax(), cipher.row(TABLE, r.id()).open("comment", r.comment()),
                    names.getOrDefault(r.recordedBy(), "?"))).toList();
        }
        record(who, ProgrammeActions.OUTCOMES_READ, ref, AuditDetail.of("programme.ratings-read", ratings.size()));
        return new Page(ref, programme, ratings,
                cases.inTandem(who, clientId) && caseProgrammes.openClient(ref.organisationId(), ref.id()));
    }

    /** Ratings made with the client on one date. */
    @Transactional
    void rate(StaffPrincipal who, UUID clientId, LocalDate ratedOn, List<NewRating> ratings) {
        CaseReference ref = cases.requireTandem(who, clientId, "rate outcomes");
        if (!caseProgrammes.openClient(ref.organisationId(), ref.id())) {
            // Work is rated with a client, never with a prospect who has not consented, nor after the end.
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        Programme programme = programmeOf(ref);
        if (programme == null) {
            throw new Refused(null, "outcomes.problem.no-programme");
        }
        if (ratedOn == null) {
            throw new Refused("ratedOn", "outcomes.rated-on.required");
        }
        if (ratedOn.isAfter(LocalDate.now(clock))) {
            throw new Refused("ratedOn", "outcomes.rated-on.future");
        }
        if (ratings.isEmpty()) {
            throw new Refused("entries", "outcomes.entries.required");
        }
        Map<UUID, Outcome> outcomes = programme.outcomesById();
        Set<UUID> seen = new HashSet<>();
        for (NewRating rating : ratings) {
            Outcome outcome = outcomes.get(rating.outcome());
            if (outcome == null || !seen.add(rating.outcome())) {
                throw new Refused("entries", "outcomes.entries.unknown");
            }
            if (rating.score() < 1 || rating.score() > outcome.scaleMax()) {
                throw new Refused("entries", "outcomes.score.range");
            }
            if (repository.rated(ref.id(), rating.outcome(), ratedOn)) {
                throw new Refused("ratedOn", "outcomes.rated-on.taken");
            }
        }
        FieldCipher cipher = keys.cipherFor(ref.id());
        Timestamp now = Timestamp.from(clock.instant());
        for (NewRating rating : ratings) {
            UUID id = UUID.randomUUID();
            String comment = rating.comment() == null || rating.comment().isBlank() ? null : rating.comment().strip();
            repository.insert(ref.organisationId(), ref.id(), id, rating.outcome(), ratedOn, rating.score(),
                    cipher.row(TABLE, id).seal("comment", comment), who.id(), now);
        }
        record(who, ProgrammeActions.OUTCOMES_RATED, ref, AuditDetail.of("programme.rated", ratedOn, ratings.size()));
    }

    private Programme programmeOf(CaseReference ref) {
        return caseProgrammes.programmeOf(ref.organisationId(), ref.id())
                .flatMap(id -> programmes.find(ref.organisationId(), id)).orElse(null);
    }

    private void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail));
    }
}
