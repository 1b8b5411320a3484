package org.exitwork.accounts.internal.resets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ResetRequestRepository {

    private static final String COLUMNS = "id, org_id, staff_id, kind, requested_by, requested_at, decision, "
            + "decided_by, decided_at, password_shown_at, acknowledged_at";

    private final JdbcClient jdbc;

    ResetRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID organisationId, UUID staffId, ResetKind kind, UUID requestedBy, Instant at) {
        jdbc.sql("INSERT INTO acc_reset_request (id, org_id, staff_id, kind, requested_by, requested_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, staffId, kind.name(), requestedBy, Timestamp.from(at)).update();
    }

    Optional<ResetRequest> inOrganisation(UUID organisationId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_reset_request WHERE org_id = ? AND id = ?")
                .params(organisationId, id).query(ResetRequestRepository::map).optional();
    }

    /** Waiting requests of an organisation asked for after {@code since} (older ones have expired), oldest first. */
    List<ResetRequest> waiting(UUID organisationId, Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_reset_request WHERE org_id = ? AND decision IS NULL "
                + "AND requested_at > ? ORDER BY requested_at, id")
                .params(organisationId, Timestamp.from(since)).query(ResetRequestRepository::map).list();
    }

    boolean waitingFor(UUID staffId, ResetKind kind, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM acc_reset_request WHERE staff_id = ? AND kind = ? AND decision IS NULL "
                + "AND requested_at > ?").params(staffId, kind.name(), Timestamp.from(since))
                .query(Long.class).single() > 0;
    }

    /**
     * Records the decision unless one was recorded first: the condition on {@code decision IS NULL}
     * makes a second approval, a stale form or a race between two managers change nothing.
     */
    boolean decide(UUID id, ResetRequest.Decision decision, UUID managerId, Instant at, Instant notBefore) {
        return jdbc.sql("UPDATE acc_reset_request SET decision = ?, decided_by = ?, decided_at = ? "
                + "WHERE id = ? AND decision IS NULL AND requested_at > ?")
                .params(decision.name(), managerId, Timestamp.from(at), id, Timestamp.from(notBefore)).update() == 1;
    }

    /** Claims the one look at a temporary password: only its approver, only once, only soon after approving. */
    boolean claimPasswordLook(UUID id, UUID managerId, Instant at, Instant approvedAfter) {
        return jdbc.sql("UPDATE acc_reset_request SET password_shown_at = ? WHERE id = ? AND decided_by = ? "
                + "AND decision = 'APPROVED' AND kind = 'PASSWORD' AND password_shown_at IS NULL AND decided_at > ?")
                .params(Timestamp.from(at), id, managerId, Timestamp.from(approvedAfter)).update() == 1;
    }

    /** Approved resets of the account the holder has not yet acknowledged, oldest first. */
    List<ResetRequest> unacknowledged(UUID staffId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_reset_request WHERE staff_id = ? AND decision = 'APPROVED' "
                + "AND acknowledged_at IS NULL ORDER BY decided_at, id").param(staffId)
                .query(ResetRequestRepository::map).list();
    }

    boolean acknowledge(UUID id, UUID staffId, Instant at) {
        return jdbc.sql("UPDATE acc_reset_request SET acknowledged_at = ? WHERE id = ? AND staff_id = ? "
                + "AND decision = 'APPROVED' AND acknowledged_at IS NULL")
                .params(Timestamp.from(at), id, staffId).update() == 1;
    }

    Optional<Instant> accountCreatedAt(UUID staffId) {
        return jdbc.sql("SELECT created_at FROM acc_staff WHERE id = ?").param(staffId)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
    }

    private static ResetRequest map(ResultSet rs, int row) throws SQLException {
        String decision = rs.getString("decision");
        return new ResetRequest(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("staff_id", UUID.class), ResetKind.valueOf(rs.getString("kind")),
                rs.getObject("requested_by", UUID.class), instant(rs, "requested_at"),
                decision == null ? null : ResetRequest.Decision.valueOf(decision), rs.getObject("decided_by", UUID.class),
                instant(rs, "decided_at"), instant(rs, "password_shown_at"), instant(rs, "acknowledged_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
