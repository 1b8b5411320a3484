package org.exitwork.cases.internal.agreement;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The work agreement's tables. There is deliberately no UPDATE and no DELETE here: a version,
 * the client's agreement to it and a rating are only ever added (R3); erasure of the whole client
 * removes them by the cascade from {@code cas_client}.
 */
@Repository
class AgreementRepository {

    record VersionRow(UUID id, int number, String language, UUID writtenBy, Instant writtenAt, byte[] objective,
            byte[] nextSteps) {
    }

    record ChangeRow(UUID id, UUID versionId, UUID thread, int position, byte[] wording) {
    }

    record ClientAgreementRow(UUID versionId, LocalDate agreedOn, String how, byte[] note, UUID recordedBy,
            Instant recordedAt) {
    }

    record RatingRow(UUID id, UUID thread, LocalDate ratedOn, int score, byte[] comment, UUID recordedBy,
            Instant recordedAt) {
    }

    private final JdbcClient jdbc;
    private final CaseTallies tallies;

    AgreementRepository(JdbcClient jdbc, CaseTallies tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    /** Oldest first. */
    List<VersionRow> versions(UUID clientId) {
        return jdbc.sql("""
                SELECT id, version, language, written_by, written_at, objective, next_steps
                FROM cas_agreement_version WHERE client_id = ? ORDER BY version""")
                .param(clientId).query(AgreementRepository::version).list();
    }

    int latestNumber(UUID clientId) {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM cas_agreement_version WHERE client_id = ?")
                .param(clientId).query(Integer.class).single();
    }

    /** In version order, then position. */
    List<ChangeRow> changes(UUID clientId) {
        return jdbc.sql("""
                SELECT c.id, c.version_id, c.thread_id, c.position, c.wording
                FROM cas_agreement_change c JOIN cas_agreement_version v ON v.id = c.version_id
                WHERE c.client_id = ? ORDER BY v.version, c.position""")
                .param(clientId)
                .query((rs, n) -> new ChangeRow(rs.getObject("id", UUID.class), rs.getObject("version_id", UUID.class),
                        rs.getObject("thread_id", UUID.class), rs.getInt("position"), rs.getBytes("wording")))
                .list();
    }

    Set<UUID> threads(UUID clientId) {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT thread_id FROM cas_agreement_change WHERE client_id = ?")
                .param(clientId).query(UUID.class).list());
    }

    List<ClientAgreementRow> clientAgreements(UUID clientId) {
        return jdbc.sql("""
                SELECT version_id, agreed_on, agreed_how, note, recorded_by, recorded_at
                FROM cas_client_agreement WHERE client_id = ?""")
                .param(clientId)
                .query((rs, n) -> new ClientAgreementRow(rs.getObject("version_id", UUID.class),
                        rs.getObject("agreed_on", LocalDate.class), rs.getString("agreed_how"), rs.getBytes("note"),
                        rs.getObject("recorded_by", UUID.class), instant(rs, "recorded_at")))
                .list();
    }

    /** Oldest first. */
    List<RatingRow> ratings(UUID clientId) {
        return jdbc.sql("""
                SELECT id, thread_id, rated_on, score, comment, recorded_by, recorded_at
                FROM cas_progress_rating WHERE client_id = ? ORDER BY rated_on, recorded_at""")
                .param(clientId)
                .query((rs, n) -> new RatingRow(rs.getObject("id", UUID.class), rs.getObject("thread_id", UUID.class),
                        rs.getObject("rated_on", LocalDate.class), rs.getInt("score"), rs.getBytes("comment"),
                        rs.getObject("recorded_by", UUID.class), instant(rs, "recorded_at")))
                .list();
    }

    boolean rated(UUID clientId, UUID thread, LocalDate on) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_progress_rating WHERE client_id = ? AND thread_id = ? AND rated_on = ?")
                .params(clientId, thread, Date.valueOf(on)).query(Long.class).single() > 0;
    }

    void insertVersion(UUID clientId, VersionRow v) {
        jdbc.sql("""
                INSERT INTO cas_agreement_version (id, client_id, version, language, written_by, written_at,
                    objective, next_steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(v.id(), clientId, v.number(), v.language(), v.writtenBy(), Timestamp.from(v.writtenAt()),
                        v.objective(), v.nextSteps())
                .update();
    }

    void insertChange(UUID clientId, ChangeRow c) {
        jdbc.sql("""
                INSERT INTO cas_agreement_change (id, version_id, client_id, thread_id, position, wording)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.versionId(), clientId, c.thread(), c.position(), c.wording()).update();
    }

    void insertClientAgreement(UUID clientId, ClientAgreementRow a) {
        // The overview counts the clients without an agreement from the figures kept (NO_AGREEMENT).
        tallies.touch(clientId);
        jdbc.sql("""
                INSERT INTO cas_client_agreement (version_id, client_id, agreed_on, agreed_how, note, recorded_by,
                    recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(a.versionId(), clientId, Date.valueOf(a.agreedOn()), a.how(), a.note(), a.recordedBy(),
                        Timestamp.from(a.recordedAt()))
                .update();
    }

    void insertRating(UUID clientId, RatingRow r) {
        jdbc.sql("""
                INSERT INTO cas_progress_rating (id, client_id, thread_id, rated_on, score, comment, recorded_by,
                    recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), clientId, r.thread(), Date.valueOf(r.ratedOn()), r.score(), r.comment(),
                        r.recordedBy(), Timestamp.from(r.recordedAt()))
                .update();
    }

    private static VersionRow version(ResultSet rs, int n) throws SQLException {
        return new VersionRow(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getString("language"),
                rs.getObject("written_by", UUID.class), instant(rs, "written_at"), rs.getBytes("objective"),
                rs.getBytes("next_steps"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
