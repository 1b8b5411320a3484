package org.exitwork.quality.internal.checkups;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.quality.internal.access.CareActions;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.internal.access.RecordChanged;
import org.exitwork.quality.internal.access.TeamAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The yearly well-being check-up: due and done dates only, nothing of what was said. */
@Service
public class CheckUps {

    /** How far ahead the manager's page lists check-ups coming due. */
    static final int DUE_SOON_DAYS = 30;

    private final CheckUpRepository checkUps;
    private final TeamAccess access;
    private final StaffDirectory directory;
    private final Clock clock;

    CheckUps(CheckUpRepository checkUps, TeamAccess access, StaffDirectory directory, Clock clock) {
        this.checkUps = checkUps;
        this.access = access;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional
    public void recordDone(StaffPrincipal who, UUID staffId, LocalDate doneOn) {
        StaffMember member = access.member(who, staffId);
        checkUps.insertDone(who.organisationId(), staffId, doneOn, who.id(), clock.instant());
        // The date the manager set has been met: from now on the next is due a year after this one.
        checkUps.clearDue(who.organisationId(), staffId);
        access.record(who, CareActions.CHECKUP_DONE, member.username(), AuditDetail.of("checkup.done", doneOn));
    }

    /** A manager sets the first due date, or moves the next one (until a check-up is recorded). */
    @Transactional
    public void setDue(StaffPrincipal who, UUID staffId, LocalDate dueOn) {
        TeamAccess.requireManager(who);
        StaffMember member = access.member(who, staffId);
        checkUps.setDue(who.organisationId(), staffId, dueOn, who.id(), clock.instant());
        access.record(who, CareActions.CHECKUP_DUE_SET, member.username(), AuditDetail.of("checkup.due", dueOn));
    }

    /** One staff member's check-ups recorded as done, newest first (for themselves and managers). */
    @Transactional(readOnly = true)
    public List<CheckUpRecord> done(StaffPrincipal who, UUID staffId) {
        access.member(who, staffId);
        return checkUps.done(who.organisationId(), staffId);
    }

    @Transactional(readOnly = true)
    public CheckUpRecord.History history(StaffPrincipal who, UUID staffId, UUID id) {
        access.member(who, staffId);
        CheckUpRecord current = checkUps.find(who.organisationId(), staffId, id, false)
                .orElseThrow(NotFoundException::new);
        List<CheckUpRepository.VersionRow> versions = checkUps.versions(id);
        Map<UUID, String> names = directory.displayNames(who.organisationId(),
                versions.stream().map(CheckUpRepository.VersionRow::replacedBy).distinct().toList());
        return new CheckUpRecord.History(staffId, current, versions.stream()
                .map(v -> new CheckUpRecord.Earlier(v.version(), v.doneOn(), names.getOrDefault(v.replacedBy(), "?"),
                        LocalDateTime.ofInstant(v.replacedAt(), clock.getZone())))
                .toList());
    }

    /**
     * Corrects the date a check-up was done, by whoever may record it; the earlier date is kept. The next
     * due date follows from the corrected dates. Returns {@code false} when the date was the same.
     *
     * @throws RecordChanged when it was corrected since {@code version} was shown
     */
    @Transactional
    public boolean correct(StaffPrincipal who, UUID staffId, UUID id, int version, LocalDate doneOn) {
        StaffMember member = access.member(who, staffId);
        CheckUpRecord current = checkUps.find(who.organisationId(), staffId, id, true)
                .orElseThrow(NotFoundException::new);
        if (current.version() != version) {
            throw new RecordChanged();
        }
        if (doneOn.equals(current.doneOn())) {
            return false;
        }
        checkUps.correct(current, doneOn, who.id(), clock.instant());
        access.record(who, CareActions.CHECKUP_CORRECTED, member.username(),
                AuditDetail.of("checkup.corrected", current.doneOn(), doneOn, version + 1));
        return true;
    }

    @Transactional(readOnly = true)
    public CheckUp of(StaffPrincipal who, UUID staffId) {
        StaffMember member = access.member(who, staffId);
        return checkUps(who.organisationId(), List.of(member)).get(0);
    }

    /** For the manager: check-ups overdue or due within the next 30 days, soonest first. */
    @Transactional(readOnly = true)
    public List<CheckUp> dueSoon(StaffPrincipal who) {
        TeamAccess.requireManager(who);
        LocalDate horizon = today().plusDays(DUE_SOON_DAYS);
        return checkUps(who.organisationId(), directory.team(who.organisationId())).stream()
                .filter(c -> c.dueOn() != null && !c.dueOn().isAfter(horizon))
                .sorted(Comparator.comparing(CheckUp::dueOn))
                .toList();
    }

    private List<CheckUp> checkUps(UUID org, List<StaffMember> staff) {
        if (staff.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = staff.stream().map(StaffMember::id).toList();
        Map<UUID, LocalDate> lastDone = checkUps.lastDone(org, ids);
        Map<UUID, LocalDate> firstDue = checkUps.dueSet(org, ids);
        LocalDate today = today();
        return staff.stream().map(m -> {
            LocalDate last = lastDone.get(m.id());
            LocalDate due = dueOn(last, firstDue.get(m.id()));
            return new CheckUp(m, last, due, due != null && due.isBefore(today));
        }).toList();
    }

    /**
     * A due date the manager set (for the first check-up, or to move the next one) counts while it
     * stands; recording a check-up clears it, and then the next is due one year after the last one done.
     */
    static LocalDate dueOn(LocalDate lastDone, LocalDate setByManager) {
        if (setByManager != null) {
            return setByManager;
        }
        return lastDone == null ? null : lastDone.plusYears(1);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
