package org.exitwork.cases.internal.casefile;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.agreement.WorkAgreements;
import org.exitwork.cases.internal.sessions.SessionAgenda;
import org.exitwork.platform.ForbiddenException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practitioner's start page and the manager's overview. Both are built from plaintext columns
 * only (pseudonyms, stages, dates, counts): nothing here decrypts case content, so nothing here
 * can show it.
 */
@Service
class Overviews {

    static final int FOLLOW_UP_HORIZON_DAYS = 14;

    record MyCase(UUID id, String pseudonym, Stage stage, boolean safetyDiscussed) {
    }

    record Due(UUID clientId, String pseudonym, LocalDate dueOn) {
    }

    record StartPage(List<MyCase> cases, List<Due> followUps, List<SessionAgenda.NextMeeting> nextMeetings,
            List<SessionAgenda.DueStep> nextSteps) {
    }

    record Caseload(String practitioner, long clients, long prospects) {
    }

    record Waiting(UUID clientId, String pseudonym, LocalDate since) {
    }

    record ManagerOverview(List<Caseload> caseloads, long clients, long singlePractitionerCases,
            long withoutCurrentAgreement, long prospects, List<Waiting> awaitingSafetyDiscussion) {
    }

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Clock clock;
    private final SessionAgenda agenda;
    private final WorkAgreements agreements;

    Overviews(JdbcClient jdbc, StaffDirectory staff, Clock clock, SessionAgenda agenda, WorkAgreements agreements) {
        this.agenda = agenda;
        this.agreements = agreements;
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public StartPage startPage(StaffPrincipal practitioner) {
        if (!practitioner.is(Role.PRACTITIONER)) {
            throw new ForbiddenException();
        }
        List<MyCase> cases = jdbc.sql("""
                SELECT c.id, c.pseudonym, c.stage,
                       EXISTS (SELECT 1 FROM cas_safety_discussion d WHERE d.client_id = c.id) AS discussed
                FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = ? AND t.staff_id = ?
                ORDER BY CASE c.stage WHEN 'CLIENT' THEN 0 WHEN 'PROSPECT' THEN 1 ELSE 2 END, c.pseudonym""")
                .params(practitioner.organisationId(), practitioner.id())
                .query((rs, n) -> new MyCase(rs.getObject(1, UUID.class), rs.getString(2), Stage.valueOf(rs.getString(3)),
                        rs.getBoolean(4)))
                .list();
        List<Due> followUps = jdbc.sql("""
                SELECT c.id, c.pseudonym, f.due_on
                FROM cas_follow_up f JOIN cas_client c ON c.id = f.client_id
                JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = ? AND t.staff_id = ? AND f.done_on IS NULL AND f.due_on <= ?
                ORDER BY f.due_on""")
                .params(practitioner.organisationId(), practitioner.id(),
                        Date.valueOf(LocalDate.now(clock).plusDays(FOLLOW_UP_HORIZON_DAYS)))
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getDate(3).toLocalDate()))
                .list();
        LocalDate horizon = LocalDate.now(clock).plusDays(FOLLOW_UP_HORIZON_DAYS);
        return new StartPage(cases, followUps, agenda.nextMeetings(practitioner, clock.instant()),
                agenda.nextStepsDue(practitioner, horizon));
    }

    @Transactional(readOnly = true)
    public ManagerOverview managerOverview(StaffPrincipal manager) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        UUID org = manager.organisationId();
        Map<UUID, List<Load>> loads = jdbc.sql("""
                SELECT t.staff_id, c.stage, COUNT(*) FROM cas_tandem_member t JOIN cas_client c ON c.id = t.client_id
                WHERE c.org_id = ? AND c.stage IN ('CLIENT', 'PROSPECT') GROUP BY t.staff_id, c.stage""")
                .param(org)
                .query((rs, n) -> new Load(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3))).list()
                .stream().collect(Collectors.groupingBy(Load::staffId));
        List<Caseload> caseloads = staff.practitioners(org).stream()
                .map(p -> new Caseload(p.displayName(), count(loads.get(p.id()), "CLIENT"),
                        count(loads.get(p.id()), "PROSPECT")))
                .toList();
        long clients = jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND stage = 'CLIENT'").param(org)
                .query(Long.class).single();
        long single = jdbc.sql("""
                SELECT COUNT(*) FROM cas_client c WHERE c.org_id = ? AND c.stage = 'CLIENT'
                AND (SELECT COUNT(*) FROM cas_tandem_member t WHERE t.client_id = c.id) < 2""")
                .param(org).query(Long.class).single();
        Set<UUID> agreed = agreements.clientsWithCurrentAgreement(org);
        long withoutAgreement = jdbc.sql("SELECT id FROM cas_client WHERE org_id = ? AND stage = 'CLIENT'").param(org)
                .query(UUID.class).list().stream().filter(id -> !agreed.contains(id)).count();
        long prospects = jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND stage = 'PROSPECT'").param(org)
                .query(Long.class).single();
        List<Waiting> waiting = jdbc.sql("""
                SELECT c.id, c.pseudonym, c.created_at FROM cas_client c
                WHERE c.org_id = ? AND c.stage = 'PROSPECT'
                AND NOT EXISTS (SELECT 1 FROM cas_safety_discussion d WHERE d.client_id = c.id)
                ORDER BY c.created_at""")
                .param(org)
                .query((rs, n) -> new Waiting(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate()))
                .list();
        return new ManagerOverview(caseloads, clients, single, withoutAgreement, prospects, waiting);
    }

    private static long count(List<Load> loads, String stage) {
        return loads == null ? 0 : loads.stream().filter(l -> l.stage().equals(stage)).mapToLong(Load::count).sum();
    }

    private record Load(UUID staffId, String stage, long count) {
    }
}
