package org.exitwork.cases.internal.groups;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Who may touch a group (R13, R6): its leaders read and write it; other staff of the organisation
 * see its name and leaders only; administrators nothing; another organisation's ids do not exist.
 * Refusals are audited in a transaction of their own, like {@link CaseAccess}'s.
 */
@Component
class GroupAccess {

    private final GroupRepository groups;
    private final ClientKeys keys;
    private final AuditLog audit;

    GroupAccess(GroupRepository groups, ClientKeys keys, AuditLog audit) {
        this.groups = groups;
        this.keys = keys;
        this.audit = audit;
    }

    /** The group, for anyone with a case role in the organisation; 404 for other organisations' ids. */
    GroupRef find(StaffPrincipal who, UUID groupId) {
        CaseAccess.requireCaseRole(who);
        return groups.find(who.organisationId(), groupId).orElseThrow(NotFoundException::new);
    }

    boolean leads(StaffPrincipal who, GroupRef group) {
        return groups.leads(group.id(), who.id());
    }

    /** For reading and writing the group: only its leaders. {@code what} names the attempt in the refusal's entry. */
    GroupRef forLeaders(StaffPrincipal who, UUID groupId, String what) {
        GroupRef group = find(who, groupId);
        if (!leads(who, group)) {
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    GroupActions.GROUP_ACCESS_REFUSED, group.subject(), what));
            throw new ForbiddenException();
        }
        return group;
    }

    FieldCipher cipher(GroupRef group) {
        return keys.cipherFor(group.id());
    }

    /** An audit entry about the group, in the caller's transaction. Never put content in {@code detail}. */
    void record(StaffPrincipal who, String action, GroupRef group, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, group.subject(), detail));
    }
}
