package org.exitwork.quality.internal.access;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see and record whose care for the team (R14). A practitioner sees and records their own
 * (and supervision sessions they took part in); a manager sees and records the organisation's and
 * keeps the due dates and the induction topics. Another organisation's staff and records answer 404.
 */
@Service
public class TeamAccess {

    private final AuditLog audit;
    private final StaffDirectory directory;

    TeamAccess(AuditLog audit, StaffDirectory directory) {
        this.audit = audit;
        this.directory = directory;
    }

    /** The staff member whose records are asked for: oneself, or anyone of the organisation for a manager. */
    @Transactional(readOnly = true)
    public StaffMember member(StaffPrincipal who, UUID staffId) {
        // A peer of another organisation has an account here but no care record: their own organisation cares.
        StaffMember member = directory.find(who.organisationId(), staffId).filter(m -> m.role().isStaff())
                .orElseThrow(NotFoundException::new);
        if (!who.is(Role.MANAGER) && !who.id().equals(staffId)) {
            throw new ForbiddenException();
        }
        return member;
    }

    @Transactional(readOnly = true)
    public List<StaffMember> team(StaffPrincipal who) {
        return directory.team(who.organisationId());
    }

    public static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    public void record(StaffPrincipal who, String action, String subject, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, subject, detail));
    }
}
