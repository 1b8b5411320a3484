package org.exitwork.cases.internal.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.exitwork.cases.internal.groups.GroupRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows erasure reads and deletes: which clients and groups may be due (read under the row lock, so
 * that a case taken on or a group that met meanwhile is spared), and the deletions themselves. Runs in
 * the caller's transaction; the erasures decide, audit and shred the keys.
 */
@Repository
class ErasureRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    private final CaseTallies tallies;

    ErasureRepository(JdbcClient jdbc, Clock clock, CaseTallies tallies) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tallies = tallies;
    }

    /**
     * Before anything of the client is deleted: what the case contributes to the figures kept per programme
     * is taken away at the commit, so new figures no longer count the client (reports already released keep
     * what they said).
     */
    void aboutToErase(UUID clientId) {
        tallies.touch(clientId);
    }

    // Clients (cas_client and the tables of the first schema version).

    private static final String CLIENT_CANDIDATE_SELECT = """
            SELECT c.id, c.org_id, c.pseudonym, c.stage, c.created_at, c.closed_on,
                   (SELECT MAX(k.contacted_on) FROM cas_contact k WHERE k.client_id = c.id) AS last_contact
            FROM cas_client c""";

    List<ClientErasure.Candidate> clientCandidates() {
        return jdbc.sql(CLIENT_CANDIDATE_SELECT + " WHERE c.stage IN ('PROSPECT', 'CLOSED')")
                .query((rs, n) -> clientCandidate(rs)).list();
    }

    Optional<ClientErasure.Candidate> lockClient(UUID clientId) {
        // The lock first, on the row alone (PostgreSQL refuses FOR UPDATE with aggregates).
        boolean exists = jdbc.sql("SELECT id FROM cas_client WHERE id = ? FOR UPDATE").param(clientId)
                .query(UUID.class).optional().isPresent();
        if (!exists) {
            return Optional.empty();
        }
        return jdbc.sql(CLIENT_CANDIDATE_SELECT + " WHERE c.id = ?").param(clientId)
                .query((rs, n) -> clientCandidate(rs)).optional();
    }

    /**
     * What the request deletes: the client's row and the few rows that hang on it. Tables from the first
     * version of the schema are deleted explicitly; the later ones cascade from {@code cas_client}, all but
     * those whose rows grow with the work ({@link #PURGED}), which the purge job deletes afterwards.
     */
    void deleteClient(UUID clientId) {
        for (String table : List.of("cas_access_grant", "cas_identity", "cas_tandem_member")) {
            jdbc.sql("DELETE FROM " + table + " WHERE client_id = ?").param(clientId).update();
        }
        jdbc.sql("DELETE FROM cas_client WHERE id = ?").param(clientId).update();
    }

    // The purge queue (cas_erasure_purge) and the batches of the purge job.

    /** In the erasure's transaction: the client's remaining rows are the purge job's to delete. */
    void enqueuePurge(UUID clientId, UUID organisationId) {
        jdbc.sql("INSERT INTO cas_erasure_purge (client_id, org_id, enqueued_at, attempts) VALUES (?, ?, ?, 0)")
                .params(clientId, organisationId, java.sql.Timestamp.from(clock.instant())).update();
    }

    /** The clients waiting for the purge, longest waiting first. */
    List<UUID> purgeQueue(int limit) {
        return jdbc.sql("SELECT client_id FROM cas_erasure_purge ORDER BY enqueued_at, client_id FETCH FIRST ? ROWS ONLY")
                .param(limit).query(UUID.class).list();
    }

    int queued() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_erasure_purge").query(Integer.class).single();
    }

    /**
     * The tables the purge empties, in this order, each by the column that picks a batch: the sessions
     * first (their themes, staff, context-person links and versions cascade from them), then any version
     * left, the month counts and the context persons.
     */
    static final List<String[]> PURGED = List.of(
            new String[] {"cas_session_note", "id"},
            new String[] {"cas_session_version", "id"},
            new String[] {"cas_month_count", "month_start"},
            new String[] {"cas_context_person", "id"});

    /**
     * One batch: at most {@code limit} rows of each table deleted, in the caller's transaction; returns how
     * many went. Idempotent: a batch repeated after a crash finds fewer rows, or none.
     */
    int purgeBatch(UUID clientId, int limit) {
        int deleted = 0;
        for (String[] table : PURGED) {
            deleted += jdbc.sql("DELETE FROM " + table[0] + " WHERE client_id = ? AND " + table[1] + " IN (SELECT "
                    + table[1] + " FROM " + table[0] + " WHERE client_id = ? FETCH FIRST ? ROWS ONLY)")
                    .params(clientId, clientId, limit).update();
        }
        return deleted;
    }

    /** The queue entry goes, in the transaction whose batch found nothing left. */
    void purged(UUID clientId) {
        jdbc.sql("DELETE FROM cas_erasure_purge WHERE client_id = ?").param(clientId).update();
    }

    /** A batch failed: counted and timed, so that the log tells how often an entry has failed. */
    void purgeFailed(UUID clientId) {
        jdbc.sql("UPDATE cas_erasure_purge SET attempts = attempts + 1, last_attempt_at = ? WHERE client_id = ?")
                .params(java.sql.Timestamp.from(clock.instant()), clientId).update();
    }

    private ClientErasure.Candidate clientCandidate(java.sql.ResultSet rs) throws java.sql.SQLException {
        Stage stage = Stage.valueOf(rs.getString("stage"));
        LocalDate created = rs.getObject("created_at", OffsetDateTime.class).atZoneSameInstant(clock.getZone())
                .toLocalDate();
        LocalDate lastActivity = created;
        if (stage == Stage.PROSPECT && rs.getDate("last_contact") != null) {
            LocalDate contact = rs.getDate("last_contact").toLocalDate();
            lastActivity = contact.isAfter(created) ? contact : created;
        }
        if (stage == Stage.CLOSED && rs.getDate("closed_on") != null) {
            lastActivity = rs.getDate("closed_on").toLocalDate();
        }
        return new ClientErasure.Candidate(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getString("pseudonym"), stage, lastActivity);
    }

    // Groups (everything cascades from cas_group).

    private static final String GROUP_CANDIDATE_SELECT = """
            SELECT g.id, g.org_id, g.created_at,
                   (SELECT MAX(s.held_on) FROM cas_group_session s WHERE s.group_id = g.id) AS last_session
            FROM cas_group g""";

    List<GroupErasure.Candidate> groupCandidates() {
        return jdbc.sql(GROUP_CANDIDATE_SELECT).query((rs, n) -> groupCandidate(rs)).list();
    }

    Optional<GroupErasure.Candidate> lockGroup(UUID groupId) {
        // The lock first, on the row alone (PostgreSQL refuses FOR UPDATE with aggregates); a session
        // recorded meanwhile committed before the lock was granted, or waits for this transaction.
        boolean exists = jdbc.sql("SELECT id FROM cas_group WHERE id = ? FOR UPDATE").param(groupId)
                .query(UUID.class).optional().isPresent();
        if (!exists) {
            return Optional.empty();
        }
        return jdbc.sql(GROUP_CANDIDATE_SELECT + " WHERE g.id = ?").param(groupId)
                .query((rs, n) -> groupCandidate(rs)).optional();
    }

    /** Leaders, participants, sessions, themes and attendance cascade from {@code cas_group}. */
    void deleteGroup(UUID groupId) {
        jdbc.sql("DELETE FROM cas_group WHERE id = ?").param(groupId).update();
    }

    private GroupErasure.Candidate groupCandidate(java.sql.ResultSet rs) throws java.sql.SQLException {
        LocalDate created = rs.getObject("created_at", OffsetDateTime.class).atZoneSameInstant(clock.getZone())
                .toLocalDate();
        LocalDate last = created;
        if (rs.getDate("last_session") != null) {
            LocalDate session = rs.getDate("last_session").toLocalDate();
            last = session.isAfter(created) ? session : created;
        }
        return new GroupErasure.Candidate(new GroupRef(rs.getObject("id", UUID.class),
                rs.getObject("org_id", UUID.class)), last);
    }
}
