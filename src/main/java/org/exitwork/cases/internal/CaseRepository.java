package org.exitwork.cases.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cas_* tables. Every query is scoped to one organisation. */
@Repository
class CaseRepository {


    record IdentityRow(byte[] fullName, byte[] dateOfBirth, byte[] contact, byte[] aliases) {
    }

    record NoteRow(UUID id, LocalDate sessionDate, UUID writtenBy, Instant writtenAt, byte[] body) {
    }

    record GrantRow(UUID id, UUID staffId, String reasonKind, byte[] explanation, Instant grantedAt, Instant expiresAt) {
    }

    record Listed(UUID id, String pseudonym, String stage, Instant createdAt, boolean mine) {
    }

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean pseudonymTaken(UUID org, String pseudonym) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND pseudonym = ?").params(org, pseudonym)
                .query(Long.class).single() > 0;
    }


    void insertIdentity(UUID clientId, IdentityRow i) {
        jdbc.sql("INSERT INTO cas_identity (client_id, full_name, date_of_birth, contact, aliases) VALUES (?, ?, ?, ?, ?)")
                .params(clientId, i.fullName(), i.dateOfBirth(), i.contact(), i.aliases()).update();
    }

    void insertTandemMember(UUID clientId, UUID staffId, int position) {
        jdbc.sql("INSERT INTO cas_tandem_member (client_id, staff_id, position) VALUES (?, ?, ?)")
                .params(clientId, staffId, position).update();
    }


    List<Listed> clients(UUID org, UUID me) {
        return jdbc.sql("""
                SELECT c.id, c.pseudonym, c.stage, c.created_at,
                       EXISTS (SELECT 1 FROM cas_tandem_member t WHERE t.client_id = c.id AND t.staff_id = ?) AS mine
                FROM cas_client c WHERE c.org_id = ? ORDER BY c.pseudonym""")
                .params(me, org)
                .query((rs, n) -> new Listed(rs.getObject("id", UUID.class), rs.getString("pseudonym"), rs.getString("stage"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBoolean("mine")))
                .list();
    }

    List<UUID> tandem(UUID clientId) {
        return jdbc.sql("SELECT staff_id FROM cas_tandem_member WHERE client_id = ? ORDER BY position").param(clientId)
                .query(UUID.class).list();
    }

    Optional<IdentityRow> identity(UUID clientId) {
        return jdbc.sql("SELECT full_name, date_of_birth, contact, aliases FROM cas_identity WHERE client_id = ?")
                .param(clientId)
                .query((rs, n) -> new IdentityRow(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)))
                .optional();
    }

    void insertNote(UUID clientId, NoteRow note) {
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
}
