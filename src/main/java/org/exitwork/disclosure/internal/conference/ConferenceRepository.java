package org.exitwork.disclosure.internal.conference;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.exitwork.cases.ClientErased;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code dis_conference} and {@code dis_conference_partner}: purpose, minutes and who
 * attends for a partner sealed with the client's key, bound to row and column. The client's
 * conferences go with their erasure.
 */
@Repository
class ConferenceRepository {

    static final String TABLE = "dis_conference";
    static final String PARTNERS = "dis_conference_partner";

    /** A conference as stored, opened; ids of people, no names. */
    record Stored(UUID id, LocalDate heldOn, String purpose, boolean clientInvited, Boolean clientTookPart,
            UUID plannedBy, Instant plannedAt, String minutes, UUID sentBy, Instant sentAt) {
    }

    /** A partner invited to a conference, opened; {@code outcome} null, SENT or REFUSED. */
    record StoredParticipant(UUID id, UUID conferenceId, UUID partnerId, UUID consentId, String attendees,
            String outcome) {
    }

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    ConferenceRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    void insert(UUID id, UUID organisationId, UUID clientId, LocalDate heldOn, String purpose, boolean clientInvited,
            UUID plannedBy, Instant at) {
        jdbc.sql("INSERT INTO dis_conference (id, org_id, client_id, held_on, purpose, client_invited, planned_by, "
                + "planned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, organisationId, clientId, heldOn,
                        keys.cipherFor(clientId).row(TABLE, id).seal("purpose", purpose), clientInvited, plannedBy,
                        Timestamp.from(at))
                .update();
    }

    /** {@code attendees} may be null (nobody named). */
    void insertParticipant(UUID conferenceId, UUID clientId, UUID partnerId, UUID consentId, int position,
            String attendees) {
        UUID rowId = UUID.randomUUID();
        jdbc.sql("INSERT INTO dis_conference_partner (id, conference_id, client_id, partner_id, consent_id, "
                + "position, attendees) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(rowId, conferenceId, clientId, partnerId, consentId, position,
                        keys.cipherFor(clientId).row(PARTNERS, rowId).seal("attendees", attendees))
                .update();
    }

    /** The client's conferences (or the one {@code only}, if not null), latest first. */
    List<Stored> conferences(UUID organisationId, UUID clientId, UUID only) {
        FieldCipher cipher = keys.cipherFor(clientId);
        return jdbc.sql("SELECT id, held_on, purpose, client_invited, client_took_part, planned_by, planned_at, "
                + "minutes, sent_by, sent_at FROM dis_conference WHERE client_id = ? AND org_id = ?"
                + (only == null ? "" : " AND id = ?") + " ORDER BY held_on DESC, planned_at DESC")
                .params(only == null ? List.of(clientId, organisationId) : List.of(clientId, organisationId, only))
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    FieldCipher.RowCipher row = cipher.row(TABLE, id);
                    OffsetDateTime sentAt = rs.getObject(10, OffsetDateTime.class);
                    return new Stored(id, rs.getObject(2, LocalDate.class), row.open("purpose", rs.getBytes(3)),
                            rs.getBoolean(4), (Boolean) rs.getObject(5), rs.getObject(6, UUID.class),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), row.open("minutes", rs.getBytes(8)),
                            rs.getObject(9, UUID.class), sentAt == null ? null : sentAt.toInstant());
                })
                .list();
    }

    /** The partners of the client's conferences (or of the one {@code conferenceId}), in the order planned. */
    List<StoredParticipant> participants(UUID clientId, UUID conferenceId) {
        FieldCipher cipher = keys.cipherFor(clientId);
        return jdbc.sql("SELECT id, conference_id, partner_id, consent_id, attendees, outcome FROM dis_conference_partner "
                + "WHERE client_id = ?" + (conferenceId == null ? "" : " AND conference_id = ?")
                + " ORDER BY position")
                .params(conferenceId == null ? List.of(clientId) : List.of(clientId, conferenceId))
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new StoredParticipant(id, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), cipher.row(PARTNERS, id).open("attendees", rs.getBytes(5)),
                            rs.getString(6));
                })
                .list();
    }

    /** False when the minutes went out in the meantime: minutes that went out are never changed. */
    boolean recordMinutes(UUID conferenceId, UUID clientId, String minutes, UUID by, Instant at,
            Boolean clientTookPart) {
        return jdbc.sql("UPDATE dis_conference SET minutes = ?, minutes_by = ?, minutes_at = ?, "
                + "client_took_part = ? WHERE id = ? AND client_id = ? AND sent_at IS NULL")
                .params(keys.cipherFor(clientId).row(TABLE, conferenceId).seal("minutes", minutes), by,
                        Timestamp.from(at), clientTookPart, conferenceId, clientId)
                .update() == 1;
    }

    /** Claims the conference for sending; false when it was claimed already (a second click, a second node). */
    boolean claimForSending(UUID conferenceId, UUID clientId, UUID by, Instant at) {
        return jdbc.sql("UPDATE dis_conference SET sent_by = ?, sent_at = ? WHERE id = ? AND client_id = ? "
                + "AND sent_at IS NULL").params(by, Timestamp.from(at), conferenceId, clientId).update() == 1;
    }

    void markRefused(UUID participantRowId) {
        jdbc.sql("UPDATE dis_conference_partner SET outcome = 'REFUSED' WHERE id = ?").param(participantRowId).update();
    }

    void markSent(UUID participantRowId, UUID disclosureId) {
        jdbc.sql("UPDATE dis_conference_partner SET outcome = 'SENT', disclosure_id = ? WHERE id = ?")
                .params(disclosureId, participantRowId).update();
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM dis_conference_partner WHERE client_id = ?").param(erased.clientId()).update();
        jdbc.sql("DELETE FROM dis_conference WHERE client_id = ?").param(erased.clientId()).update();
    }
}
