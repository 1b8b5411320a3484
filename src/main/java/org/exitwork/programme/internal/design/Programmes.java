package org.exitwork.programme.internal.design;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.programme.internal.ProgrammeActions;
import org.exitwork.programme.internal.design.Design.Outcome;
import org.exitwork.programme.internal.design.Design.Programme;
import org.exitwork.programme.internal.design.Design.Summary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisation's programmes. Managers and the administrator design them (as they keep the
 * organisation's other settings); everyone of the organisation reads them, since a practitioner
 * works in one. Outcomes are added and changed, never removed: ratings made with clients refer to them.
 */
@Service
public class Programmes {

    /** Another programme of the organisation has this name. */
    public static final class DuplicateName extends RuntimeException {
        DuplicateName() {
            super("duplicate programme name");
        }
    }

    /** The scale would end below a score already given with a client. */
    public static final class ScaleTooShort extends RuntimeException {
        ScaleTooShort() {
            super("scale below a given score");
        }
    }

    private final ProgrammeRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    Programmes(ProgrammeRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Summary> list(UUID organisationId) {
        return repository.summaries(organisationId);
    }

    /** A programme of the organisation; 404 for anyone else's id. */
    @Transactional(readOnly = true)
    public Programme get(StaffPrincipal who, UUID programmeId) {
        return find(who.organisationId(), programmeId).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public Optional<Programme> find(UUID organisationId, UUID programmeId) {
        return repository.find(organisationId, programmeId);
    }

    @Transactional(readOnly = true)
    public List<Outcome> outcomes(UUID programmeId) {
        return repository.outcomes(programmeId);
    }

    @Transactional
    public UUID create(StaffPrincipal who, Design.Draft draft) {
        requireDesigner(who);
        if (repository.nameTaken(who.organisationId(), draft.name(), null)) {
            throw new DuplicateName();
        }
        UUID id = UUID.randomUUID();
        repository.insert(who.organisationId(), id, draft, who.id(), Timestamp.from(clock.instant()));
        record(who, ProgrammeActions.PROGRAMME_CREATED, AuditDetail.of("programme.designed", id,
                draft.areas().size(), draft.pathways().size(), draft.staff().size()));
        return id;
    }

    @Transactional
    public void update(StaffPrincipal who, UUID programmeId, Design.Draft draft) {
        requireDesigner(who);
        get(who, programmeId);
        if (repository.nameTaken(who.organisationId(), draft.name(), programmeId)) {
            throw new DuplicateName();
        }
        repository.update(who.organisationId(), programmeId, draft, who.id(), Timestamp.from(clock.instant()));
        record(who, ProgrammeActions.PROGRAMME_CHANGED, AuditDetail.of("programme.designed", programmeId,
                draft.areas().size(), draft.pathways().size(), draft.staff().size()));
    }

    @Transactional
    public UUID addOutcome(StaffPrincipal who, UUID programmeId, Design.OutcomeDraft draft) {
        requireDesigner(who);
        get(who, programmeId);
        UUID id = UUID.randomUUID();
        repository.insertOutcome(programmeId, id, draft);
        record(who, ProgrammeActions.OUTCOME_ADDED, AuditDetail.of("programme.outcome", programmeId, id,
                draft.scaleMax(), draft.indicators().size()));
        return id;
    }

    @Transactional
    public void changeOutcome(StaffPrincipal who, UUID programmeId, UUID outcomeId, Design.OutcomeDraft draft) {
        requireDesigner(who);
        outcome(who, programmeId, outcomeId);
        if (repository.highestScore(outcomeId) > draft.scaleMax()) {
            throw new ScaleTooShort();
        }
        repository.updateOutcome(programmeId, outcomeId, draft);
        record(who, ProgrammeActions.OUTCOME_CHANGED, AuditDetail.of("programme.outcome", programmeId, outcomeId,
                draft.scaleMax(), draft.indicators().size()));
    }

    @Transactional(readOnly = true)
    public Outcome outcome(StaffPrincipal who, UUID programmeId, UUID outcomeId) {
        return get(who, programmeId).outcomes().stream().filter(o -> o.id().equals(outcomeId)).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    public static boolean designer(StaffPrincipal who) {
        return who.is(Role.MANAGER) || who.is(Role.ADMIN);
    }

    private static void requireDesigner(StaffPrincipal who) {
        if (!designer(who)) {
            throw new ForbiddenException();
        }
    }

    private void record(StaffPrincipal who, String action, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, null, detail));
    }
}
