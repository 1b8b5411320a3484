package org.exitwork.disclosure.internal.servicerequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.ClientErased;
import org.exitwork.consent.DataKind;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.network.Need;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code dis_service_request} and its history {@code dis_service_request_event}. Nothing
 * about the client in words: what went out is the disclosure's content; the name a partner's staff
 * member gave and a rejection's reason are sealed with the client's key. The client's requests go with
 * their erasure, their history with them.
 */
@Repository
class ServiceRequestRepository {

    static final String EVENTS = "dis_service_request_event";

    /** A request as stored. */
    record Stored(UUID id, UUID orgId, UUID clientId, UUID disclosureId, UUID partnerId, UUID consentId, Need need,
            Set<DataKind> kinds, String language, UUID requestedBy, Instant requestedAt, int responseDays,
            Instant answerDueAt, TaskStatus status, Instant statusAt, int rowVersion, Instant firstAnswerAt,
            Instant linkExpiresAt, Instant linkEndedAt, Instant tandemRemindedAt, Instant managerRemindedAt,
            LocalDate followUpOn) {
    }

    /** One status a request went through. */
    record Event(TaskStatus status, boolean byPartner, UUID staffId, String answeredBy, String reason, Instant at) {
    }

    private static final String COLUMNS = "id, org_id, client_id, disclosure_id, partner_id, consent_id, need, kinds, "
            + "language, requested_by, requested_at, response_days, answer_due_at, status, status_at, row_version, "
            + "first_answer_at, link_expires_at, link_ended_at, tandem_reminded_at, manager_reminded_at, follow_up_on";

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    ServiceRequestRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    void insert(Stored r, byte[] tokenHash) {
        jdbc.sql("INSERT INTO dis_service_request (id, org_id, client_id, disclosure_id, partner_id, consent_id, need, "
                + "kinds, language, requested_by, requested_at, response_days, answer_due_at, status, status_at, "
                + "row_version, token_hash, link_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.orgId(), r.clientId(), r.disclosureId(), r.partnerId(), r.consentId(), r.need().name(),
                        String.join(",", r.kinds().stream().map(Enum::name).toList()), r.language(), r.requestedBy(),
                        ts(r.requestedAt()), r.responseDays(), ts(r.answerDueAt()), r.status().name(), ts(r.statusAt()),
                        r.rowVersion(), tokenHash, ts(r.linkExpiresAt()))
                .update();
    }

    /** {@code seq}: the request's row version this status made (0 for the request itself). */
    void addEvent(UUID clientId, UUID requestId, int seq, TaskStatus status, boolean byPartner, UUID staffId,
            String answeredBy, String reason, Instant at) {
        UUID id = UUID.randomUUID();
        FieldCipher.RowCipher row = keys.cipherFor(clientId).row(EVENTS, id);
        jdbc.sql("INSERT INTO " + EVENTS + " (id, request_id, seq, client_id, status, by_partner, staff_id, "
                + "answered_by, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, requestId, seq, clientId, status.name(), byPartner, staffId, row.seal("answered_by", answeredBy),
                        row.seal("reason", reason), ts(at))
                .update();
    }

    List<Event> events(UUID clientId, UUID requestId) {
        FieldCipher cipher = keys.cipherFor(clientId);
        return jdbc.sql("SELECT id, status, by_partner, staff_id, answered_by, reason, at FROM " + EVENTS
                + " WHERE request_id = ? AND client_id = ? ORDER BY seq").params(requestId, clientId)
                .query((rs, n) -> {
                    FieldCipher.RowCipher row = cipher.row(EVENTS, rs.getObject(1, UUID.class));
                    return new Event(TaskStatus.valueOf(rs.getString(2)), rs.getBoolean(3), rs.getObject(4, UUID.class),
                            row.open("answered_by", rs.getBytes(5)), row.open("reason", rs.getBytes(6)),
                            instant(rs, 7));
                }).list();
    }

    /** The client's requests, newest first. */
    List<Stored> ofClient(UUID organisationId, UUID clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_service_request WHERE client_id = ? AND org_id = ? "
                + "ORDER BY requested_at DESC, id").params(clientId, organisationId).query((rs, n) -> stored(rs)).list();
    }

    /** The requests of these clients that are still open (not rejected, completed or cancelled), oldest first. */
    List<Stored> openOfClients(UUID organisationId, java.util.Collection<UUID> clientIds) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_service_request WHERE org_id = :org AND client_id IN (:clients)"
                        + " AND status NOT IN (:closed) ORDER BY requested_at, id")
                .param("org", organisationId).param("clients", List.copyOf(clientIds))
                .param("closed", java.util.Arrays.stream(TaskStatus.values()).filter(TaskStatus::terminal)
                        .map(TaskStatus::name).toList())
                .query((rs, n) -> stored(rs)).list();
    }

    /** Requests still waiting for the partner's first answer after the managers were reminded. */
    List<Stored> unansweredAfterManagerReminder(UUID organisationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_service_request WHERE org_id = ? AND status = ?"
                        + " AND manager_reminded_at IS NOT NULL ORDER BY requested_at, id")
                .params(organisationId, TaskStatus.REQUESTED.name()).query((rs, n) -> stored(rs)).list();
    }

    Optional<Stored> find(UUID organisationId, UUID clientId, UUID requestId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_service_request WHERE id = ? AND client_id = ? AND org_id = ?")
                .params(requestId, clientId, organisationId).query((rs, n) -> stored(rs)).optional();
    }

    Optional<Stored> byTokenHash(byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_service_request WHERE token_hash = ?").param(tokenHash)
                .query((rs, n) -> stored(rs)).optional();
    }

    /**
     * Moves the request on if it is still at {@code from} in version {@code version}: two answers at
     * once, or an answer to a page gone stale, change nothing (false).
     */
    boolean changeStatus(UUID requestId, TaskStatus from, int version, TaskStatus to, Instant at, boolean byPartner) {
        return jdbc.sql("UPDATE dis_service_request SET status = ?, status_at = ?, row_version = row_version + 1"
                + (byPartner ? ", first_answer_at = COALESCE(first_answer_at, ?)" : "")
                + " WHERE id = ? AND status = ? AND row_version = ?")
                .params(byPartner ? List.of(to.name(), ts(at), ts(at), requestId, from.name(), version)
                        : List.of(to.name(), ts(at), requestId, from.name(), version))
                .update() == 1;
    }

    /** Ends the link for good (false when it had ended already). */
    boolean endLink(UUID requestId, Instant at) {
        return jdbc.sql("UPDATE dis_service_request SET link_ended_at = ? WHERE id = ? AND link_ended_at IS NULL")
                .params(ts(at), requestId).update() == 1;
    }

    void followUp(UUID requestId, LocalDate on) {
        jdbc.sql("UPDATE dis_service_request SET follow_up_on = ? WHERE id = ?").params(on, requestId).update();
    }

    /** Requests still unanswered whose answer was due by {@code now} and whose tandem was not reminded. */
    List<Stored> dueForTandem(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_service_request WHERE status = ? AND answer_due_at <= ? "
                + "AND tandem_reminded_at IS NULL ORDER BY answer_due_at").params(TaskStatus.REQUESTED.name(), ts(now))
                .query((rs, n) -> stored(rs)).list();
    }

    /** Requests still unanswered after the tandem was reminded, whose managers were not. */
    List<Stored> remindedUnanswered() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dis_service_request WHERE status = ? "
                + "AND tandem_reminded_at IS NOT NULL AND manager_reminded_at IS NULL ORDER BY answer_due_at")
                .param(TaskStatus.REQUESTED.name()).query((rs, n) -> stored(rs)).list();
    }

    /** Claims the tandem's reminder once, on any node. */
    boolean claimTandemReminder(UUID requestId, Instant at) {
        return jdbc.sql("UPDATE dis_service_request SET tandem_reminded_at = ? WHERE id = ? AND status = ? "
                + "AND tandem_reminded_at IS NULL").params(ts(at), requestId, TaskStatus.REQUESTED.name()).update() == 1;
    }

    boolean claimManagerReminder(UUID requestId, Instant at) {
        return jdbc.sql("UPDATE dis_service_request SET manager_reminded_at = ? WHERE id = ? AND status = ? "
                + "AND manager_reminded_at IS NULL").params(ts(at), requestId, TaskStatus.REQUESTED.name())
                .update() == 1;
    }

    /** The organisation's requests that a partner ever accepted. */
    /**
     * One partner's requests, counted for the managers' quality page: sent, answered, the median minutes from
     * sending to the first answer (over the answered ones), those whose answer was due by {@code now} or came
     * (judged) and of them those answered in time, those the partner decided (accepted at some point, or
     * rejected) and of them those it accepted.
     */
    record PartnerCounts(UUID partnerId, int sent, int answered, Double medianMinutes, int judged, int inTime,
            int decided, int accepted) {
    }

    /** Counted in SQL over plain columns, one row per partner, never one per request (issue 19). */
    List<PartnerCounts> countsByPartner(UUID organisationId, Instant now) {
        return jdbc.sql("""
                SELECT r.partner_id, COUNT(*), COUNT(r.first_answer_at),
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CASE WHEN r.first_answer_at IS NULL THEN NULL
                           ELSE FLOOR((EXTRACT(EPOCH FROM r.first_answer_at) - EXTRACT(EPOCH FROM r.requested_at)) / 60) END),
                       SUM(CASE WHEN r.first_answer_at IS NOT NULL OR r.answer_due_at <= ? THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.first_answer_at IS NOT NULL AND r.first_answer_at <= r.answer_due_at THEN 1 ELSE 0 END),
                       SUM(CASE WHEN a.request_id IS NOT NULL OR r.status = ? THEN 1 ELSE 0 END),
                       SUM(CASE WHEN a.request_id IS NOT NULL THEN 1 ELSE 0 END)
                FROM dis_service_request r
                LEFT JOIN (SELECT DISTINCT e.request_id FROM %s e JOIN dis_service_request q ON q.id = e.request_id
                           WHERE q.org_id = ? AND e.status = ? AND e.by_partner = TRUE) a
                       ON a.request_id = r.id
                WHERE r.org_id = ?
                GROUP BY r.partner_id""".formatted(EVENTS))
                .params(Timestamp.from(now), TaskStatus.REJECTED.name(), organisationId, TaskStatus.ACCEPTED.name(),
                        organisationId)
                .query((rs, n) -> new PartnerCounts(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3),
                        rs.getObject(4) == null ? null : rs.getDouble(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                        rs.getInt(8)))
                .list();
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM " + EVENTS + " WHERE client_id = ?").param(erased.clientId()).update();
        // Today's count of the client's links goes with them (LinkUses would keep it until tomorrow's first use).
        jdbc.sql("DELETE FROM dis_link_use WHERE link_id IN (SELECT id FROM dis_service_request WHERE client_id = ?)")
                .param(erased.clientId()).update();
        jdbc.sql("DELETE FROM dis_service_request WHERE client_id = ?").param(erased.clientId()).update();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        EnumSet<DataKind> kinds = EnumSet.noneOf(DataKind.class);
        Arrays.stream(rs.getString(8).split(",")).filter(s -> !s.isEmpty()).map(DataKind::valueOf).forEach(kinds::add);
        return new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getObject(6, UUID.class),
                Need.valueOf(rs.getString(7)), kinds, rs.getString(9), rs.getObject(10, UUID.class), instant(rs, 11),
                rs.getInt(12), instant(rs, 13), TaskStatus.valueOf(rs.getString(14)), instant(rs, 15), rs.getInt(16),
                instant(rs, 17), instant(rs, 18), instant(rs, 19), instant(rs, 20), instant(rs, 21),
                rs.getObject(22, LocalDate.class));
    }
}
