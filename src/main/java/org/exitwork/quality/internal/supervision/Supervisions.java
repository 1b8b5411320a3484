package org.exitwork.quality.internal.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.internal.access.CareActions;
import org.exitwork.quality.internal.access.TeamAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Supervision and intervision, without case content: a practitioner records and sees the sessions
 * they took part in, a manager all of the organisation's.
 */
@Service
public class Supervisions {

    private final SupervisionRepository sessions;
    private final TeamAccess access;
    private final StaffDirectory directory;
    private final Clock clock;

    Supervisions(SupervisionRepository sessions, TeamAccess access, StaffDirectory directory, Clock clock) {
        this.sessions = sessions;
        this.access = access;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Records a session. Every participant must be active staff of the organisation, and a practitioner
     * records only sessions they took part in.
     */
    @Transactional
    public UUID record(StaffPrincipal who, LocalDate heldOn, SupervisionKind kind, String topic,
            String supervisorName, Collection<UUID> participants) {
        Set<UUID> teamIds = new LinkedHashSet<>();
        directory.team(who.organisationId()).forEach(m -> teamIds.add(m.id()));
        if (participants.isEmpty() || !teamIds.containsAll(participants)) {
            throw new NotFoundException();
        }
        if (!who.is(Role.MANAGER) && !participants.contains(who.id())) {
            throw new ForbiddenException();
        }
        UUID id = UUID.randomUUID();
        sessions.insert(id, who.organisationId(), heldOn, kind, topic, supervisorName, participants, who.id(),
                clock.instant());
        access.record(who, CareActions.SUPERVISION_RECORDED, who.username(),
                kind.name() + " " + heldOn + " participants=" + participants.size());
        return id;
    }

    /** The sessions one staff member took part in (after {@link TeamAccess#member}), newest first. */
    @Transactional(readOnly = true)
    public List<Supervision> of(StaffPrincipal who, UUID staffId) {
        access.member(who, staffId);
        return named(who.organisationId(), sessions.of(who.organisationId(), staffId));
    }

    /** A manager's: all of the organisation; a practitioner's: those they took part in. */
    @Transactional(readOnly = true)
    public List<Supervision> visible(StaffPrincipal who) {
        if (who.is(Role.MANAGER)) {
            return named(who.organisationId(), sessions.of(who.organisationId(), null));
        }
        return of(who, who.id());
    }

    private List<Supervision> named(UUID org, List<SupervisionRepository.Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<UUID> everyone = new LinkedHashSet<>();
        rows.forEach(r -> everyone.addAll(r.participants()));
        Map<UUID, String> names = directory.displayNames(org, everyone);
        return rows.stream().map(r -> new Supervision(r.id(), r.heldOn(), r.kind(), r.topic(), r.supervisorName(),
                r.participants().stream().map(names::get).filter(Objects::nonNull).sorted().toList())).toList();
    }
}
