package org.exitwork.disclosure.internal.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.ClientErased;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher.RowCipher;
import org.exitwork.network.PartnerContact;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code dis_danger_alert}: everything in words sealed with the client's key, bound to
 * the row and column; opened here and nowhere else. The client's alerts go with their erasure.
 */
@Repository
public class AlertRepository {

    static final String TABLE = "dis_danger_alert";

    /** An alert as it is stored, opened; ids of people and partners, no names. */
    record Stored(UUID id, UUID clientId, UUID partnerId, String contactName, String contactPhone, String contactEmail,
            DangerKind kind, String danger, String atRisk, String howSoon, List<IdentityField> fields, String content,
            boolean cannotWait, AlertStatus status, UUID raisedBy, Instant raisedAt, UUID decidedBy, Instant decidedAt,
            String decisionNote, Instant sentAt, boolean mailed, Boolean clientTold, LocalDate clientToldOn,
            UUID toldBy, ReviewOutcome reviewOutcome, boolean raisedAfterBreakingGlass) {
    }

    /** An alert waiting for a second staff member, as the banner needs it: nothing to open. */
    record Waiting(UUID id, AlertStatus status, Instant raisedAt) {
    }

    /** A review whose time has passed, for the reminder. */
    public record OverdueReview(UUID id, UUID organisationId, UUID clientId, UUID raisedBy, Instant raisedAt) {
    }

    /** A new alert; the texts as they go out (stripped), {@code content} exactly what goes out. */
    record NewRow(UUID id, UUID organisationId, UUID clientId, UUID partnerId, PartnerContact contact,
            DangerKind kind, String danger, String atRisk, String howSoon, List<IdentityField> fields, String content,
            boolean cannotWait, AlertStatus status, UUID raisedBy, Instant raisedAt, boolean raisedAfterBreakingGlass) {
    }

    private static final String COLUMNS = "id, client_id, partner_id, contact_name, contact_phone, contact_email, kind, "
            + "danger, at_risk, how_soon, fields, content, cannot_wait, status, raised_by, raised_at, decided_by, "
            + "decided_at, decision_note, sent_at, mailed, client_told, client_told_on, told_recorded_by, review_outcome, "
            + "raised_after_breaking_glass";

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    AlertRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    void insert(NewRow alert) {
        RowCipher row = keys.cipherFor(alert.clientId()).row(TABLE, alert.id());
        PartnerContact contact = alert.contact();
        jdbc.sql("INSERT INTO dis_danger_alert (id, org_id, client_id, partner_id, contact_name, contact_phone, "
                + "contact_email, kind, danger, at_risk, how_soon, fields, content, cannot_wait, status, raised_by, "
                + "raised_at, mailed, raised_after_breaking_glass) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)")
                .params(alert.id(), alert.organisationId(), alert.clientId(), alert.partnerId(),
                        row.seal("contact_name", given(contact.name())), row.seal("contact_phone", given(contact.phone())),
                        row.seal("contact_email", given(contact.email())), alert.kind().name(),
                        row.seal("danger", given(alert.danger())), row.seal("at_risk", given(alert.atRisk())),
                        row.seal("how_soon", given(alert.howSoon())),
                        String.join(",", alert.fields().stream().map(Enum::name).toList()),
                        row.seal("content", given(alert.content())), alert.cannotWait(), alert.status().name(),
                        alert.raisedBy(), Timestamp.from(alert.raisedAt()), alert.raisedAfterBreakingGlass())
                .update();
    }

    Optional<Stored> find(UUID organisationId, UUID alertId) {
        return select(organisationId, "id = ?", alertId).stream().findFirst();
    }

    /** Every alert about the client, newest first. */
    List<Stored> ofClient(UUID organisationId, UUID clientId) {
        return select(organisationId, "client_id = ?", clientId);
    }

    /** The alerts the tandem recorded the client was told of. */
    List<Stored> toldToClient(UUID organisationId, UUID clientId) {
        return select(organisationId, "client_id = ? AND client_told = TRUE", clientId);
    }

    /** The organisation's alerts awaiting approval or review. */
    List<Stored> waiting(UUID organisationId) {
        return select(organisationId, "status IN ('AWAITING_APPROVAL', 'SENT_AWAITING_REVIEW')", null);
    }

    /** What waits for someone other than {@code notRaisedBy}: the banner's one query, polled, so nothing is opened. */
    List<Waiting> waitingFor(UUID organisationId, UUID notRaisedBy) {
        return jdbc.sql("SELECT id, status, raised_at FROM dis_danger_alert WHERE org_id = ? "
                + "AND status IN ('AWAITING_APPROVAL', 'SENT_AWAITING_REVIEW') AND raised_by <> ? ORDER BY raised_at, id")
                .params(organisationId, notRaisedBy)
                .query((rs, n) -> new Waiting(rs.getObject("id", UUID.class), AlertStatus.valueOf(rs.getString("status")),
                        instant(rs, "raised_at")))
                .list();
    }

    /** Alerts of every organisation sent at once, raised before {@code raisedBefore}, unreviewed and not yet noted. */
    public List<OverdueReview> overdueUnnoted(Instant raisedBefore) {
        return jdbc.sql("SELECT id, org_id, client_id, raised_by, raised_at FROM dis_danger_alert "
                + "WHERE status = 'SENT_AWAITING_REVIEW' AND review_overdue_noted_at IS NULL AND raised_at <= ? "
                + "ORDER BY raised_at, id")
                .param(Timestamp.from(raisedBefore))
                .query((rs, n) -> new OverdueReview(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getObject("client_id", UUID.class), rs.getObject("raised_by", UUID.class),
                        instant(rs, "raised_at")))
                .list();
    }

    /** Claims the reminder of one overdue review: false when another run (or node) noted it, or it was reviewed. */
    public boolean noteOverdue(UUID alertId, Instant at) {
        return jdbc.sql("UPDATE dis_danger_alert SET review_overdue_noted_at = ? WHERE id = ? "
                + "AND status = 'SENT_AWAITING_REVIEW' AND review_overdue_noted_at IS NULL")
                .params(Timestamp.from(at), alertId).update() == 1;
    }

    void markSent(UUID alertId, Instant at, UUID disclosureId) {
        jdbc.sql("UPDATE dis_danger_alert SET sent_at = ?, disclosure_id = ? WHERE id = ?")
                .params(Timestamp.from(at), disclosureId, alertId).update();
    }

    void markMailed(UUID alertId) {
        jdbc.sql("UPDATE dis_danger_alert SET mailed = TRUE WHERE id = ?").param(alertId).update();
    }

    /** From {@code from} to {@code to}, only if the alert still stands at {@code from}; false otherwise. */
    boolean decide(UUID alertId, UUID clientId, AlertStatus from, AlertStatus to, UUID decidedBy, Instant at,
            String note) {
        byte[] sealed = keys.cipherFor(clientId).row(TABLE, alertId).seal("decision_note",
                given(note) == null ? null : note.strip());
        return jdbc.sql("UPDATE dis_danger_alert SET status = ?, decided_by = ?, decided_at = ?, "
                + "decision_note = ? WHERE id = ? AND status = ?")
                .params(to.name(), decidedBy, Timestamp.from(at), sealed, alertId, from.name())
                .update() == 1;
    }

    /** The review of an alert that went out at once, only while it still awaits one; false otherwise. */
    boolean review(UUID alertId, UUID clientId, ReviewOutcome outcome, UUID reviewedBy, Instant at, String note) {
        byte[] sealed = keys.cipherFor(clientId).row(TABLE, alertId).seal("decision_note",
                given(note) == null ? null : note.strip());
        return jdbc.sql("UPDATE dis_danger_alert SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?, "
                + "review_outcome = ? WHERE id = ? AND status = ?")
                .params(AlertStatus.REVIEWED.name(), reviewedBy, Timestamp.from(at), sealed, outcome.name(), alertId,
                        AlertStatus.SENT_AWAITING_REVIEW.name())
                .update() == 1;
    }

    void recordTold(UUID alertId, boolean told, LocalDate toldOn, UUID recordedBy, Instant at) {
        jdbc.sql("UPDATE dis_danger_alert SET client_told = ?, client_told_on = ?, told_recorded_by = ?, "
                + "told_recorded_at = ? WHERE id = ?")
                .params(told, told ? toldOn : null, recordedBy, Timestamp.from(at), alertId).update();
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM dis_danger_alert WHERE client_id = ?").param(erased.clientId()).update();
    }

    private List<Stored> select(UUID organisationId, String where, UUID param) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_danger_alert WHERE org_id = ? AND " + where
                + " ORDER BY raised_at DESC, id")
                .params(param == null ? List.of(organisationId) : List.of(organisationId, param))
                .query((rs, n) -> stored(rs)).list();
    }

    private Stored stored(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID clientId = rs.getObject("client_id", UUID.class);
        RowCipher row = keys.cipherFor(clientId).row(TABLE, id);
        String fields = rs.getString("fields");
        return new Stored(id, clientId, rs.getObject("partner_id", UUID.class),
                row.open("contact_name", rs.getBytes("contact_name")),
                row.open("contact_phone", rs.getBytes("contact_phone")),
                row.open("contact_email", rs.getBytes("contact_email")), DangerKind.valueOf(rs.getString("kind")),
                row.open("danger", rs.getBytes("danger")), row.open("at_risk", rs.getBytes("at_risk")),
                row.open("how_soon", rs.getBytes("how_soon")),
                fields.isEmpty() ? List.of() : Arrays.stream(fields.split(",")).map(IdentityField::valueOf).toList(),
                row.open("content", rs.getBytes("content")), rs.getBoolean("cannot_wait"),
                AlertStatus.valueOf(rs.getString("status")), rs.getObject("raised_by", UUID.class),
                instant(rs, "raised_at"), rs.getObject("decided_by", UUID.class), instant(rs, "decided_at"),
                row.open("decision_note", rs.getBytes("decision_note")), instant(rs, "sent_at"),
                rs.getBoolean("mailed"), (Boolean) rs.getObject("client_told"),
                rs.getObject("client_told_on", LocalDate.class), rs.getObject("told_recorded_by", UUID.class),
                rs.getString("review_outcome") == null ? null : ReviewOutcome.valueOf(rs.getString("review_outcome")),
                rs.getBoolean("raised_after_breaking_glass"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** Blank means not given: stored as NULL, not as an encrypted empty text. */
    private static String given(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
