package org.exitwork.disclosure.internal.funder;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.programme.FunderReports.Period;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of released funder reports: aggregates and references, no client data. */
@Repository
class FunderReportRepository {

    /** A released report without its content. */
    record Row(UUID id, UUID programmeId, UUID agreementId, int agreementVersion, UUID funderId, Period period,
            int threshold, String language, UUID releasedBy, Instant releasedAt, Instant linkExpiresAt) {
    }

    private static final String COLUMNS = "id, programme_id, agreement_id, agreement_version, funder_id,"
            + " period_start, period_end, threshold, language, released_by, released_at, link_expires_at";

    private final JdbcClient jdbc;

    FunderReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the programme's release lock until the transaction ends, so that two releases never both
     * pass the overlap check. The first release of a programme makes the lock's row.
     */
    void lock(UUID programmeId) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (!jdbc.sql("SELECT programme_id FROM dis_funder_report_lock WHERE programme_id = ? FOR UPDATE")
                    .param(programmeId).query(UUID.class).list().isEmpty()) {
                return;
            }
            try {
                jdbc.sql("INSERT INTO dis_funder_report_lock (programme_id) VALUES (?)").param(programmeId).update();
                return;
            } catch (DuplicateKeyException madeMeanwhile) {
                // Another release made it first: lock that row instead.
            }
        }
        throw new IllegalStateException("release lock not taken");
    }

    void insert(UUID id, UUID org, Row row, String content, byte[] tokenHash) {
        jdbc.sql("INSERT INTO dis_funder_report (id, org_id, programme_id, agreement_id, agreement_version, funder_id,"
                + " period_start, period_end, threshold, language, content, released_by, released_at, token_hash,"
                + " link_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, org, row.programmeId(), row.agreementId(), row.agreementVersion(), row.funderId(),
                        Date.valueOf(row.period().start()), Date.valueOf(row.period().end()), row.threshold(),
                        row.language(), content, row.releasedBy(), Timestamp.from(row.releasedAt()), tokenHash,
                        Timestamp.from(row.linkExpiresAt()))
                .update();
    }

    List<Row> ofProgramme(UUID org, UUID programmeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_funder_report WHERE org_id = ? AND programme_id = ?"
                + " ORDER BY period_start, released_at").params(org, programmeId).query((rs, n) -> row(rs)).list();
    }

    List<Row> all(UUID org) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_funder_report WHERE org_id = ? ORDER BY released_at DESC")
                .param(org).query((rs, n) -> row(rs)).list();
    }

    Optional<Row> find(UUID org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_funder_report WHERE org_id = ? AND id = ?")
                .params(org, id).query((rs, n) -> row(rs)).optional();
    }

    Optional<String> content(UUID org, UUID id) {
        return jdbc.sql("SELECT content FROM dis_funder_report WHERE org_id = ? AND id = ?")
                .params(org, id).query(String.class).optional();
    }

    /** The report a link's token opens while the link is valid: its organisation, id and content. */
    record ByLink(UUID organisationId, UUID id, String content) {
    }

    Optional<ByLink> byToken(byte[] tokenHash, Instant now) {
        return jdbc.sql("SELECT org_id, id, content FROM dis_funder_report WHERE token_hash = ? AND link_expires_at > ?")
                .params(tokenHash, Timestamp.from(now))
                .query((rs, n) -> new ByLink(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .optional();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getInt(4), rs.getObject(5, UUID.class),
                new Period(rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate()), rs.getInt(8), rs.getString(9),
                rs.getObject(10, UUID.class), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant());
    }
}
