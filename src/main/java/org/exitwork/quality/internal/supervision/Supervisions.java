package org.exitwork.quality.internal.supervision;

import java.util.Locale;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.KeysetPage;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.internal.access.CareActions;
import org.exitwork.quality.internal.access.RecordChanged;
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
                AuditDetail.of("supervision.recorded", kind.name(), heldOn, participants.size()));
        return id;
    }

    /** The sessions one staff member took part in (after {@link TeamAccess#member}), newest first. */
    @Transactional(readOnly = true)
    public List<Supervision> of(StaffPrincipal who, UUID staffId) {
        access.member(who, staffId);
        return named(who.organisationId(), sessions.of(who.organisationId(), staffId));
    }

    /**
     * A page of what the reader may list, newest first: a manager's of the whole organisation, a
     * practitioner's of those they took part in; of one kind when given.
     */
    @Transactional(readOnly = true)
    public KeysetPage<Supervision> visible(StaffPrincipal who, SupervisionKind kind, UUID after, UUID before) {
        UUID participant = who.is(Role.MANAGER) ? null : who.id();
        if (participant != null) {
            access.member(who, participant);
        }
        List<SupervisionRepository.Row> rows = sessions.page(who.organisationId(), participant, kind, after, before,
                KeysetPage.SIZE + 1);
        return KeysetPage.of(named(who.organisationId(), rows), KeysetPage.SIZE, after, before, Supervision::id);
    }

    private List<Supervision> named(UUID org, List<SupervisionRepository.Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<UUID> everyone = new LinkedHashSet<>();
        rows.forEach(r -> everyone.addAll(r.participants()));
        Map<UUID, String> names = directory.displayNames(org, everyone);
        return rows.stream().map(r -> new Supervision(r.id(), r.heldOn(), r.kind(), r.topic(), r.supervisorName(),
                r.participants().stream().map(names::get).filter(Objects::nonNull).sorted().toList(), r.version()))
                .toList();
    }

    /**
     * One session with its earlier versions, for whoever may read it today: a manager of the
     * organisation, or a practitioner who took part (as the session is now). Another organisation's: 404.
     */
    @Transactional(readOnly = true)
    public SupervisionHistory history(StaffPrincipal who, UUID id) {
        SupervisionRepository.Row row = readable(who, sessions.find(who.organisationId(), id, false));
        List<SupervisionRepository.VersionRow> versions = sessions.versions(id);
        Set<UUID> everyone = new LinkedHashSet<>();
        versions.forEach(v -> {
            everyone.addAll(v.participants());
            everyone.add(v.replacedBy());
        });
        Map<UUID, String> names = directory.displayNames(who.organisationId(), everyone);
        List<SupervisionHistory.Earlier> earlier = versions.stream().map(v -> new SupervisionHistory.Earlier(v.version(),
                v.heldOn(), v.kind(), v.topic(), v.supervisorName(),
                v.participants().stream().map(names::get).filter(Objects::nonNull).sorted().toList(),
                names.getOrDefault(v.replacedBy(), "?"),
                java.time.LocalDateTime.ofInstant(v.replacedAt(), clock.getZone()), v.changed())).toList();
        return new SupervisionHistory(named(who.organisationId(), List.of(row)).get(0),
                new LinkedHashSet<>(row.participants()), earlier);
    }

    /**
     * Corrects a session: by whoever may record it (a manager, or a practitioner who took part and still
     * does). The session as it was is kept as an earlier version. Returns {@code false} when nothing differed.
     *
     * @throws RecordChanged when the session was corrected since {@code version} was shown
     */
    @Transactional
    public boolean correct(StaffPrincipal who, UUID id, int version, LocalDate heldOn, SupervisionKind kind,
            String topic, String supervisorName, Collection<UUID> participants) {
        SupervisionRepository.Row row = readable(who, sessions.find(who.organisationId(), id, true));
        if (row.version() != version) {
            throw new RecordChanged();
        }
        Set<UUID> teamIds = new LinkedHashSet<>();
        directory.team(who.organisationId()).forEach(m -> teamIds.add(m.id()));
        if (participants.isEmpty() || !teamIds.containsAll(participants)) {
            throw new NotFoundException();
        }
        if (!who.is(Role.MANAGER) && !participants.contains(who.id())) {
            throw new ForbiddenException();
        }
        List<String> changed = new java.util.ArrayList<>();
        if (!heldOn.equals(row.heldOn())) {
            changed.add("held_on");
        }
        if (kind != row.kind()) {
            changed.add("kind");
        }
        if (!Objects.equals(topic, row.topic())) {
            changed.add("topic");
        }
        if (!Objects.equals(supervisorName, row.supervisorName())) {
            changed.add("supervisor");
        }
        if (!new java.util.HashSet<>(participants).equals(new java.util.HashSet<>(row.participants()))) {
            changed.add("participants");
        }
        if (changed.isEmpty()) {
            return false;
        }
        sessions.keepVersion(row, who.id(), clock.instant(), changed);
        sessions.update(id, heldOn, kind, topic, supervisorName, participants);
        access.record(who, CareActions.SUPERVISION_CORRECTED, who.username(),
                AuditDetail.of("supervision.corrected", kind.name(), heldOn,
                        String.join(",", changed).toUpperCase(Locale.ROOT), version + 1));
        return true;
    }

    /** The same rule as the lists: a manager reads the organisation's, a practitioner the sessions they took part in. */
    private static SupervisionRepository.Row readable(StaffPrincipal who,
            java.util.Optional<SupervisionRepository.Row> found) {
        SupervisionRepository.Row row = found.orElseThrow(NotFoundException::new);
        if (!who.is(Role.MANAGER) && !row.participants().contains(who.id())) {
            throw new ForbiddenException();
        }
        return row;
    }
}
