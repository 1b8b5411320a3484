package org.exitwork.cases.internal.casefile;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.casefile.Overviews.Due;
import org.exitwork.cases.internal.casefile.Overviews.MyCase;
import org.exitwork.cases.internal.casefile.Overviews.Waiting;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the start page and the manager's overview read: plaintext columns and counts only. */
@Repository
class OverviewRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    OverviewRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The practitioner's cases: clients first, then prospects, then closed. */
    List<MyCase> casesOf(UUID org, UUID practitioner) {
        return jdbc.sql("""
                SELECT c.id, c.pseudonym, c.stage,
                       EXISTS (SELECT 1 FROM cas_safety_discussion d WHERE d.client_id = c.id) AS discussed
                FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = ? AND t.staff_id = ?
                ORDER BY CASE c.stage WHEN 'CLIENT' THEN 0 WHEN 'PROSPECT' THEN 1 ELSE 2 END, c.pseudonym""")
                .params(org, practitioner)
                .query((rs, n) -> new MyCase(rs.getObject(1, UUID.class), rs.getString(2), Stage.valueOf(rs.getString(3)),
                        rs.getBoolean(4)))
                .list();
    }

    /** Open follow-ups of the practitioner's cases due on or before {@code until}, soonest first. */
    List<Due> followUpsDue(UUID org, UUID practitioner, LocalDate until) {
        return jdbc.sql("""
                SELECT c.id, c.pseudonym, f.due_on
                FROM cas_follow_up f JOIN cas_client c ON c.id = f.client_id
                JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = ? AND t.staff_id = ? AND f.done_on IS NULL AND f.due_on <= ?
                ORDER BY f.due_on""")
                .params(org, practitioner, Date.valueOf(until))
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getDate(3).toLocalDate()))
                .list();
    }

    /** Clients with fewer than two practitioners in their tandem: an index range as long as the answer. */
    long singlePractitionerCases(UUID org) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND stage = 'CLIENT' AND tandem_size < 2")
                .param(org).query(Long.class).single();
    }

    /** Prospects without a safety discussion yet, longest waiting first. */
    List<Waiting> awaitingSafetyDiscussion(UUID org) {
        return jdbc.sql("""
                SELECT c.id, c.pseudonym, c.created_at FROM cas_client c
                WHERE c.org_id = ? AND c.stage = 'PROSPECT'
                AND NOT EXISTS (SELECT 1 FROM cas_safety_discussion d WHERE d.client_id = c.id)
                ORDER BY c.created_at""")
                .param(org)
                .query((rs, n) -> new Waiting(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate()))
                .list();
    }
}
