package org.exitwork.cases.internal.access;

import java.time.Clock;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides who may touch a case (R6). Every feature of this module (sessions,
 * work agreement, assessment, context, ending) asks here first, so the rules cannot drift apart:
 * the tandem reads and writes; a colleague who broke the glass reads; administrators never reach a
 * case; another organisation's ids do not exist. Refusals are audited in a transaction of their
 * own, so they stay on record even though the request fails.
 */
@Component
public class CaseAccess {

    private final AccessRepository rows;
    private final ClientKeys keys;
    private final AuditLog audit;
    private final Clock clock;

    CaseAccess(AccessRepository rows, ClientKeys keys, AuditLog audit, Clock clock) {
        this.rows = rows;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** The case, for anyone with a case role in the organisation; 404 for other organisations' ids. */
    public CaseRef find(StaffPrincipal who, UUID clientId) {
        requireCaseRole(who);
        return PageAccess.caseOf(who.organisationId(), clientId, () -> rows.find(who.organisationId(), clientId))
                .orElseThrow(NotFoundException::new);
    }

    public Access accessOf(StaffPrincipal who, UUID clientId) {
        return access(who, find(who, clientId));
    }

    public Access access(StaffPrincipal who, CaseRef ref) {
        return PageAccess.accessOf(who.id(), ref.id(), () -> {
            if (rows.inTandem(ref.id(), who.id())) {
                return Access.TANDEM;
            }
            return rows.glassBroken(ref.id(), who.id(), clock.instant()) ? Access.BROKEN_GLASS : Access.NONE;
        });
    }

    /** For changes: only the tandem. {@code what} names the attempted action in the refusal's audit entry. */
    public CaseRef forTandem(StaffPrincipal who, UUID clientId, String what) {
        CaseRef ref = find(who, clientId);
        if (access(who, ref) != Access.TANDEM) {
            refuse(who, ref, what);
        }
        return ref;
    }

    /** For reading: the tandem, or a colleague who broke the glass. */
    public CaseRef forReading(StaffPrincipal who, UUID clientId, String what) {
        CaseRef ref = find(who, clientId);
        if (access(who, ref) == Access.NONE) {
            refuse(who, ref, what);
        }
        return ref;
    }

    /** Refuses a change that the case's stage does not allow (e.g. a session note for a prospect). */
    public void requireStage(CaseRef ref, Stage... allowed) {
        for (Stage stage : allowed) {
            if (ref.is(stage)) {
                return;
            }
        }
        throw new WrongStageException(ref.stage());
    }

    public FieldCipher cipher(CaseRef ref) {
        return keys.cipherFor(ref.id());
    }

    /** An audit entry about the case, in the caller's transaction. Never put content in {@code detail}. */
    public void record(StaffPrincipal who, String action, CaseRef ref, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail));
    }

    /** An audit entry about the organisation's own settings (no client concerned). */
    public void recordOrganisation(StaffPrincipal who, String action, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, null, detail));
    }

    private void refuse(StaffPrincipal who, CaseRef ref, String what) {
        audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                CaseActions.ACCESS_REFUSED, ref.pseudonym(), what));
        throw new ForbiddenException();
    }

    /** Administrators manage accounts, never cases (ARCHITECTURE: need to know). */
    public static void requireCaseRole(StaffPrincipal who) {
        if (who.is(Role.ADMIN)) {
            throw new ForbiddenException();
        }
    }

    /** The action does not fit where the case stands (e.g. a session note for a prospect): 409. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CONFLICT)
    public static class WrongStageException extends RuntimeException {
        public final Stage stage;

        public WrongStageException(Stage stage) {
            super("not possible while the case is " + stage);
            this.stage = stage;
        }
    }
}
