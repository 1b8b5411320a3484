package org.exitwork.disclosure.internal.vignette;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code dis_vignette} and {@code dis_vignette_feedback}: title, narrative and feedback sealed with the
 * client's key through {@link FieldCipher#row}, bound to table, row and column. Every change of state is
 * conditional on the state and version read, so two people deciding at once never both succeed.
 */
@Repository
class VignetteRepository {

    static final String TABLE = "dis_vignette";
    static final String FEEDBACK = "dis_vignette_feedback";

    /** A vignette with its texts opened. */
    record Row(UUID id, UUID orgId, UUID clientId, UUID groupId, String code, String title, String narrative,
            VignetteStatus status, int version, UUID writtenBy, Instant writtenAt, Instant changedAt,
            UUID submittedBy, UUID reviewedBy, Instant releasedAt, Instant withdrawnAt) {
    }

    /** One feedback of the group's thread, opened. */
    record FeedbackRow(UUID id, UUID givenBy, List<String> principles, String text, Instant givenAt,
            Instant correctedAt) {
    }

    private static final String COLUMNS = "id, org_id, client_id, group_id, code, title, narrative, status, "
            + "row_version, written_by, written_at, changed_at, submitted_by, reviewed_by, released_at, withdrawn_at";

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    VignetteRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    boolean codeTaken(UUID org, String code) {
        return jdbc.sql("SELECT COUNT(*) FROM dis_vignette WHERE org_id = ? AND code = ?").params(org, code)
                .query(Long.class).single() > 0;
    }

    void insert(UUID id, UUID org, UUID clientId, UUID groupId, String code, String title, String narrative,
            UUID by, Instant now) {
        FieldCipher.RowCipher row = keys.cipherFor(clientId).row(TABLE, id);
        jdbc.sql("INSERT INTO dis_vignette (id, org_id, client_id, group_id, code, title, narrative, status, "
                + "row_version, written_by, written_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
                .params(id, org, clientId, groupId, code, row.seal("title", title), row.seal("narrative", narrative),
                        VignetteStatus.DRAFT.name(), by, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    Optional<Row> find(UUID org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_vignette WHERE org_id = ? AND id = ?").params(org, id)
                .query(this::row).optional();
    }

    List<Row> ofClient(UUID org, UUID clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_vignette WHERE org_id = ? AND client_id = ? "
                + "ORDER BY written_at DESC, id").params(org, clientId).query(this::row).list();
    }

    List<Row> inStatus(UUID org, VignetteStatus status) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_vignette WHERE org_id = ? AND status = ? "
                + "ORDER BY changed_at, id").params(org, status.name()).query(this::row).list();
    }

    List<Row> releasedIn(UUID org, UUID groupId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_vignette WHERE org_id = ? AND group_id = ? AND status = ? "
                + "ORDER BY released_at DESC, id").params(org, groupId, VignetteStatus.RELEASED.name())
                .query(this::row).list();
    }

    /** Changes the texts of a draft read at {@code version}; false when it is no draft or changed meanwhile. */
    boolean change(Row draft, int version, String title, String narrative, Instant now) {
        FieldCipher.RowCipher row = keys.cipherFor(draft.clientId()).row(TABLE, draft.id());
        return jdbc.sql("UPDATE dis_vignette SET title = ?, narrative = ?, changed_at = ?, row_version = row_version + 1 "
                + "WHERE id = ? AND status = ? AND row_version = ?")
                .params(row.seal("title", title), row.seal("narrative", narrative), Timestamp.from(now), draft.id(),
                        VignetteStatus.DRAFT.name(), version)
                .update() == 1;
    }

    boolean submit(UUID id, int version, UUID by, Instant now) {
        return jdbc.sql("UPDATE dis_vignette SET status = ?, submitted_by = ?, submitted_at = ?, changed_at = ?, "
                + "row_version = row_version + 1 WHERE id = ? AND status = ? AND row_version = ?")
                .params(VignetteStatus.IN_REVIEW.name(), by, Timestamp.from(now), Timestamp.from(now), id,
                        VignetteStatus.DRAFT.name(), version)
                .update() == 1;
    }

    boolean returnToDraft(UUID id, int version, UUID by, Instant now) {
        return jdbc.sql("UPDATE dis_vignette SET status = ?, reviewed_by = ?, changed_at = ?, "
                + "row_version = row_version + 1 WHERE id = ? AND status = ? AND row_version = ?")
                .params(VignetteStatus.DRAFT.name(), by, Timestamp.from(now), id, VignetteStatus.IN_REVIEW.name(),
                        version)
                .update() == 1;
    }

    boolean release(UUID id, int version, UUID by, UUID disclosureId, Instant now) {
        return jdbc.sql("UPDATE dis_vignette SET status = ?, reviewed_by = ?, released_at = ?, disclosure_id = ?, "
                + "changed_at = ?, row_version = row_version + 1 WHERE id = ? AND status = ? AND row_version = ?")
                .params(VignetteStatus.RELEASED.name(), by, Timestamp.from(now), disclosureId, Timestamp.from(now), id,
                        VignetteStatus.IN_REVIEW.name(), version)
                .update() == 1;
    }

    boolean withdraw(UUID id, UUID by, Instant now) {
        return jdbc.sql("UPDATE dis_vignette SET status = ?, withdrawn_by = ?, withdrawn_at = ?, changed_at = ?, "
                + "row_version = row_version + 1 WHERE id = ? AND status = ?")
                .params(VignetteStatus.WITHDRAWN.name(), by, Timestamp.from(now), Timestamp.from(now), id,
                        VignetteStatus.RELEASED.name())
                .update() == 1;
    }

    void insertFeedback(UUID id, Row vignette, UUID by, List<String> principles, String text, Instant now) {
        FieldCipher.RowCipher row = keys.cipherFor(vignette.clientId()).row(FEEDBACK, id);
        jdbc.sql("INSERT INTO dis_vignette_feedback (id, vignette_id, client_id, given_by, principles, text, given_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, vignette.id(), vignette.clientId(), by, String.join(",", principles),
                        row.seal("text", text), Timestamp.from(now))
                .update();
    }

    List<FeedbackRow> feedback(Row vignette) {
        FieldCipher cipher = keys.cipherFor(vignette.clientId());
        return jdbc.sql("SELECT id, given_by, principles, text, given_at, corrected_at FROM dis_vignette_feedback "
                + "WHERE vignette_id = ? ORDER BY given_at, id").param(vignette.id())
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    OffsetDateTime corrected = rs.getObject(6, OffsetDateTime.class);
                    return new FeedbackRow(id, rs.getObject(2, UUID.class), List.of(rs.getString(3).split(",")),
                            cipher.row(FEEDBACK, id).open("text", rs.getBytes(4)),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            corrected == null ? null : corrected.toInstant());
                })
                .list();
    }

    /** The giver corrects their feedback: principles and text replaced, sealed anew; false if it is not theirs. */
    boolean correctFeedback(UUID id, Row vignette, UUID by, List<String> principles, String text, Instant now) {
        FieldCipher.RowCipher row = keys.cipherFor(vignette.clientId()).row(FEEDBACK, id);
        return jdbc.sql("UPDATE dis_vignette_feedback SET principles = ?, text = ?, corrected_at = ? "
                + "WHERE id = ? AND vignette_id = ? AND given_by = ?")
                .params(String.join(",", principles), row.seal("text", text), Timestamp.from(now), id, vignette.id(), by)
                .update() == 1;
    }

    void deleteClient(UUID clientId) {
        jdbc.sql("DELETE FROM dis_vignette_feedback WHERE client_id = ?").param(clientId).update();
        jdbc.sql("DELETE FROM dis_vignette WHERE client_id = ?").param(clientId).update();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID clientId = rs.getObject("client_id", UUID.class);
        FieldCipher.RowCipher row = keys.cipherFor(clientId).row(TABLE, id);
        return new Row(id, rs.getObject("org_id", UUID.class), clientId, rs.getObject("group_id", UUID.class),
                rs.getString("code"), row.open("title", rs.getBytes("title")),
                row.open("narrative", rs.getBytes("narrative")), VignetteStatus.valueOf(rs.getString("status")),
                rs.getInt("row_version"), rs.getObject("written_by", UUID.class), instant(rs, "written_at"),
                instant(rs, "changed_at"), rs.getObject("submitted_by", UUID.class),
                rs.getObject("reviewed_by", UUID.class), instant(rs, "released_at"), instant(rs, "withdrawn_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
