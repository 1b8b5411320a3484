package org.exitwork.cases.internal.ending;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.retention.ClientErasure;
import org.exitwork.cases.internal.retention.RetentionPolicy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closing a case (R1, R20): completed, with an aftercare plan and follow-up dates; or ended by the
 * client's choice, which asks for no reason, leaves no mark and offers erasure at once.
 */
@Service
public class EndingService {

    record FollowUp(UUID id, LocalDate dueOn, LocalDate doneOn) {
    }

    record EndingView(UUID id, String pseudonym, Stage stage, Access access, LocalDate becameClientOn,
            LocalDate closedOn, Closure closure, String aftercarePlan, List<FollowUp> followUps, LocalDate erasureDue,
            RetentionPolicy.Periods periods) {
    }

    private final EndingRepository endings;
    private final CaseAccess access;
    private final ClientErasure erasure;
    private final RetentionPolicy retention;
    private final Clock clock;

    EndingService(EndingRepository endings, CaseAccess access, ClientErasure erasure, RetentionPolicy retention, Clock clock) {
        this.endings = endings;
        this.access = access;
        this.erasure = erasure;
        this.retention = retention;
        this.clock = clock;
    }

    @Transactional
    public EndingView view(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read ending");
        EndingRepository.Ending row = endings.ending(ref.id());
        List<FollowUp> followUps = endings.followUps(ref.id());
        RetentionPolicy.Periods periods = retention.of(ref.organisationId());
        access.record(who, EndingActions.ENDING_READ, ref, null);
        return new EndingView(ref.id(), ref.pseudonym(), ref.stage(), access.access(who, ref), row.becameClientOn(),
                row.closedOn(), row.closure() == null ? null : Closure.valueOf(row.closure()),
                access.cipher(ref).row("cas_client", ref.id()).open("aftercare_plan", row.aftercare()),
                followUps, row.closedOn() == null ? null : row.closedOn().plusDays(periods.closedDays()), periods);
    }

    @Transactional
    public void complete(StaffPrincipal who, UUID clientId, LocalDate closedOn, String aftercarePlan,
            List<LocalDate> followUps) {
        CaseRef ref = access.forTandem(who, clientId, "complete case");
        access.requireStage(ref, Stage.CLIENT);
        requirePlausibleClosing(closedOn);
        for (LocalDate due : followUps) {
            if (!due.isAfter(closedOn)) {
                throw new EndingRefused("ending.refused.follow-up-before-closing");
            }
        }
        close(ref, closedOn, Closure.COMPLETED, access.cipher(ref)
                .row("cas_client", ref.id()).seal("aftercare_plan", aftercarePlan.strip()));
        for (LocalDate due : followUps.stream().distinct().sorted().toList()) {
            endings.insertFollowUp(ref.id(), due);
        }
        access.record(who, EndingActions.CASE_COMPLETED, ref, AuditDetail.of("ending.follow-ups", followUps.size()));
    }

    /** R1: no reason asked, no mark recorded; erasure at once if the client wants it. */
    @Transactional
    public void endByClientsChoice(StaffPrincipal who, UUID clientId, LocalDate closedOn, boolean eraseNow) {
        CaseRef ref = access.forTandem(who, clientId, "end case");
        access.requireStage(ref, Stage.CLIENT);
        requirePlausibleClosing(closedOn);
        close(ref, closedOn, Closure.CLIENTS_CHOICE, null);
        access.record(who, EndingActions.CASE_ENDED_BY_CLIENT, ref, null);
        if (eraseNow) {
            erasure.erase(ref, who.id(), who.username());
        }
    }

    @Transactional
    public void followUpDone(StaffPrincipal who, UUID clientId, UUID followUpId) {
        CaseRef ref = access.forTandem(who, clientId, "follow-up done");
        access.requireStage(ref, Stage.CLOSED);
        if (!endings.followUpDone(ref.id(), followUpId, LocalDate.now(clock))) {
            throw new org.exitwork.platform.NotFoundException();
        }
        access.record(who, EndingActions.FOLLOW_UP_DONE, ref, null);
    }

    private void close(CaseRef ref, LocalDate closedOn, Closure closure, byte[] aftercare) {
        if (!endings.close(ref.id(), closedOn, closure, aftercare)) {
            throw new CaseAccess.WrongStageException(ref.stage());
        }
    }

    private void requirePlausibleClosing(LocalDate closedOn) {
        if (closedOn == null || closedOn.isAfter(LocalDate.now(clock))) {
            throw new EndingRefused("ending.refused.closing-date");
        }
    }

    static class EndingRefused extends RuntimeException {
        final String messageKey;

        EndingRefused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }
    }
}
