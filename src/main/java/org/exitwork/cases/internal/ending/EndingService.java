package org.exitwork.cases.internal.ending;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.retention.ClientErasure;
import org.exitwork.cases.internal.retention.RetentionPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closing a case (R1, R20): completed, with an aftercare plan and follow-up dates; or ended by the
 * client's choice, which asks for no reason, leaves no mark and offers erasure at once.
 */
@Service
class EndingService {

    record FollowUp(UUID id, LocalDate dueOn, LocalDate doneOn) {
    }

    record EndingView(UUID id, String pseudonym, Stage stage, Access access, LocalDate becameClientOn,
            LocalDate closedOn, Closure closure, String aftercarePlan, List<FollowUp> followUps, LocalDate erasureDue,
            RetentionPolicy.Periods periods) {
    }

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final ClientErasure erasure;
    private final RetentionPolicy retention;
    private final Clock clock;

    EndingService(JdbcClient jdbc, CaseAccess access, ClientErasure erasure, RetentionPolicy retention, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.erasure = erasure;
        this.retention = retention;
        this.clock = clock;
    }

    @Transactional
    public EndingView view(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read ending");
        record Row(LocalDate becameClientOn, LocalDate closedOn, String closure, byte[] aftercare) {
        }
        Row row = jdbc.sql("SELECT became_client_on, closed_on, closure, aftercare_plan FROM cas_client WHERE id = ?")
                .param(ref.id())
                .query((rs, n) -> new Row(toLocalDate(rs.getDate(1)), toLocalDate(rs.getDate(2)), rs.getString(3),
                        rs.getBytes(4)))
                .single();
        List<FollowUp> followUps = jdbc.sql("SELECT id, due_on, done_on FROM cas_follow_up WHERE client_id = ? "
                + "ORDER BY due_on").param(ref.id())
                .query((rs, n) -> new FollowUp(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(),
                        toLocalDate(rs.getDate(3))))
                .list();
        RetentionPolicy.Periods periods = retention.of(ref.organisationId());
        access.record(who, EndingActions.ENDING_READ, ref, null);
        return new EndingView(ref.id(), ref.pseudonym(), ref.stage(), access.access(who, ref), row.becameClientOn(),
                row.closedOn(), row.closure() == null ? null : Closure.valueOf(row.closure()),
                access.cipher(ref).decrypt(CaseAccess.field("cas_client", ref.id(), "aftercare_plan"), row.aftercare()),
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
                .encrypt(CaseAccess.field("cas_client", ref.id(), "aftercare_plan"), aftercarePlan.strip()));
        for (LocalDate due : followUps.stream().distinct().sorted().toList()) {
            jdbc.sql("INSERT INTO cas_follow_up (id, client_id, due_on) VALUES (?, ?, ?)")
                    .params(UUID.randomUUID(), ref.id(), Date.valueOf(due)).update();
        }
        access.record(who, EndingActions.CASE_COMPLETED, ref, followUps.size() + " follow-ups");
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
        int updated = jdbc.sql("UPDATE cas_follow_up SET done_on = ? WHERE id = ? AND client_id = ? AND done_on IS NULL")
                .params(Date.valueOf(LocalDate.now(clock)), followUpId, ref.id()).update();
        if (updated == 0) {
            throw new org.exitwork.platform.NotFoundException();
        }
        access.record(who, EndingActions.FOLLOW_UP_DONE, ref, null);
    }

    private void close(CaseRef ref, LocalDate closedOn, Closure closure, byte[] aftercare) {
        int updated = jdbc.sql("UPDATE cas_client SET stage = 'CLOSED', closed_on = ?, closure = ?, aftercare_plan = ? "
                + "WHERE id = ? AND stage = 'CLIENT'")
                .params(Date.valueOf(closedOn), closure.name(), aftercare, ref.id()).update();
        if (updated != 1) {
            throw new CaseAccess.WrongStageException(ref.stage());
        }
    }

    private void requirePlausibleClosing(LocalDate closedOn) {
        if (closedOn == null || closedOn.isAfter(LocalDate.now(clock))) {
            throw new EndingRefused("ending.refused.closing-date");
        }
    }

    private static LocalDate toLocalDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    static class EndingRefused extends RuntimeException {
        final String messageKey;

        EndingRefused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }
    }
}
