package org.exitwork.cases.internal.casefile;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The case file's rows: the list of cases, notes written on the case page, break-glass grants, and what
 * the client's report reads of {@code cas_client} and {@code cas_follow_up}.
 */
@Repository
class CaseRepository {

    record NoteRow(UUID id, LocalDate sessionDate, UUID writtenBy, Instant writtenAt, byte[] body) {
    }

    record GrantRow(UUID id, UUID staffId, String reasonKind, byte[] explanation, Instant grantedAt, Instant expiresAt) {
    }

    record Listed(UUID id, String pseudonym, String stage, Instant createdAt, boolean mine) {
    }

    /** How the case ended, if it did; the aftercare plan still sealed. */
    record Ending(LocalDate closedOn, String closure, byte[] aftercare) {
    }

    record FollowUp(LocalDate dueOn, LocalDate doneOn) {
    }

    private final JdbcClient jdbc;
    private final CaseTallies tallies;

    CaseRepository(JdbcClient jdbc, CaseTallies tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    /**
     * One page of the organisation's cases in pseudonym order, filtered in SQL: the page after the case
     * {@code after}, or before the case {@code before} (keyset, so a late page costs what the first does),
     * {@code limit} rows at most. A cursor outside the organisation matches no case, so the page is empty.
     */
    List<Listed> clients(UUID org, UUID me, CaseFilter filter, LocalDate today, int limit) {
        StringBuilder where = new StringBuilder("c.org_id = ?");
        List<Object> params = new java.util.ArrayList<>(List.of(me, org));
        if (filter.stage() != null) {
            where.append(" AND c.stage = ?");
            params.add(filter.stage().name());
        }
        if (filter.area() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM cas_phenomenon p WHERE p.client_id = c.id AND p.area = ?)");
            params.add(filter.area().name());
        }
        if (filter.mineOnly()) {
            where.append(" AND EXISTS (SELECT 1 FROM cas_tandem_member m WHERE m.client_id = c.id AND m.staff_id = ?)");
            params.add(me);
        }
        if (filter.overdueOnly()) {
            // The same next steps the start page and the dashboard call overdue.
            where.append(" AND c.stage = 'CLIENT' AND EXISTS (SELECT 1 FROM cas_session_note s WHERE s.client_id = c.id"
                    + " AND s.cancelled_at IS NULL AND s.next_steps_done_on IS NULL AND s.next_steps_due < ?)");
            params.add(Date.valueOf(today));
        }
        boolean backwards = filter.after() == null && filter.before() != null;
        UUID cursor = backwards ? filter.before() : filter.after();
        if (cursor != null) {
            where.append(" AND c.pseudonym ").append(backwards ? "<" : ">")
                    .append(" (SELECT k.pseudonym FROM cas_client k WHERE k.id = ? AND k.org_id = ?)");
            params.add(cursor);
            params.add(org);
        }
        params.add(limit);
        List<Listed> rows = jdbc.sql("SELECT c.id, c.pseudonym, c.stage, c.created_at,"
                + " EXISTS (SELECT 1 FROM cas_tandem_member t WHERE t.client_id = c.id AND t.staff_id = ?) AS mine"
                + " FROM cas_client c WHERE " + where + " ORDER BY c.pseudonym" + (backwards ? " DESC" : "")
                + " FETCH FIRST ? ROWS ONLY")
                .params(params)
                .query((rs, n) -> new Listed(rs.getObject("id", UUID.class), rs.getString("pseudonym"), rs.getString("stage"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBoolean("mine")))
                .list();
        if (backwards) {
            rows = new java.util.ArrayList<>(rows);
            java.util.Collections.reverse(rows);
        }
        return rows;
    }

    void insertNote(UUID clientId, NoteRow note) {
        tallies.touch(clientId);
        jdbc.sql("INSERT INTO cas_session_note (id, client_id, session_date, written_by, written_at, body) VALUES (?, ?, ?, ?, ?, ?)")
                .params(note.id(), clientId, Date.valueOf(note.sessionDate()), note.writtenBy(),
                        Timestamp.from(note.writtenAt()), note.body())
                .update();
    }

    void insertGrant(UUID clientId, GrantRow g) {
        jdbc.sql("INSERT INTO cas_access_grant (id, client_id, staff_id, reason_kind, explanation, granted_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(g.id(), clientId, g.staffId(), g.reasonKind(), g.explanation(), Timestamp.from(g.grantedAt()),
                        Timestamp.from(g.expiresAt()))
                .update();
    }

    List<GrantRow> grants(UUID clientId) {
        return jdbc.sql("SELECT id, staff_id, reason_kind, explanation, granted_at, expires_at FROM cas_access_grant "
                + "WHERE client_id = ? ORDER BY granted_at DESC")
                .param(clientId)
                .query((rs, n) -> new GrantRow(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class),
                        rs.getString("reason_kind"), rs.getBytes("explanation"),
                        rs.getObject("granted_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The client, only within the organisation. */
    Optional<CaseRef> client(UUID org, UUID id) {
        return jdbc.sql("SELECT id, org_id, pseudonym, stage, language FROM cas_client WHERE org_id = ? AND id = ?")
                .params(org, id)
                .query((rs, n) -> new CaseRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), Stage.valueOf(rs.getString(4)), rs.getString(5)))
                .optional();
    }

    Ending ending(UUID clientId) {
        return jdbc.sql("SELECT closed_on, closure, aftercare_plan FROM cas_client WHERE id = ?").param(clientId)
                .query((rs, n) -> new Ending(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getBytes(3)))
                .single();
    }

    /** Every follow-up of the client, by due date. */
    List<FollowUp> followUps(UUID clientId) {
        return jdbc.sql("SELECT due_on, done_on FROM cas_follow_up WHERE client_id = ? ORDER BY due_on").param(clientId)
                .query((rs, n) -> new FollowUp(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                .list();
    }
}
