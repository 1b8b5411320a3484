package org.exitwork.cases.internal.context;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Context persons and institution stays of a client. The callers have checked access to the client. */
@Repository
public class ContextRepository {

    public record PersonRow(UUID id, String relation, byte[] name, byte[] note, int version) {
    }

    public record StayRow(UUID id, String kind, byte[] name, LocalDate startedOn, LocalDate endedOn) {
    }

    private final JdbcClient jdbc;

    ContextRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PersonRow> persons(UUID clientId) {
        return jdbc.sql("SELECT id, relation_kind, name, note, version FROM cas_context_person WHERE client_id = ? "
                        + "ORDER BY recorded_at, id")
                .param(clientId)
                .query((rs, n) -> new PersonRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3),
                        rs.getBytes(4), rs.getInt(5)))
                .list();
    }

    Optional<String> relationOf(UUID clientId, UUID personId) {
        return jdbc.sql("SELECT relation_kind FROM cas_context_person WHERE client_id = ? AND id = ?")
                .params(clientId, personId).query(String.class).optional();
    }

    void insertPerson(UUID clientId, PersonRow p, UUID by, Instant at) {
        // No foreign key to cas_client any more (the purge job deletes context persons after an erasure): the
        // client's row is held first, so a person added while the client is being erased finds no row and
        // rolls back instead of leaving a row behind the purge.
        if (jdbc.sql("UPDATE cas_client SET id = id WHERE id = ?").param(clientId).update() == 0) {
            throw new org.exitwork.platform.NotFoundException();
        }
        jdbc.sql("INSERT INTO cas_context_person (id, client_id, relation_kind, name, note, recorded_by, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), clientId, p.relation(), p.name(), p.note(), by, Timestamp.from(at)).update();
    }

    /** Changes the entry if it is still at {@code basedOn}. @return false when it is gone or moved on */
    boolean updatePerson(UUID clientId, PersonRow p, int basedOn, Instant at) {
        return jdbc.sql("UPDATE cas_context_person SET relation_kind = ?, name = ?, note = ?, changed_at = ?, "
                        + "version = version + 1 WHERE client_id = ? AND id = ? AND version = ?")
                .params(p.relation(), p.name(), p.note(), Timestamp.from(at), clientId, p.id(), basedOn).update() > 0;
    }

    boolean deletePerson(UUID clientId, UUID personId) {
        return jdbc.sql("DELETE FROM cas_context_person WHERE client_id = ? AND id = ?").params(clientId, personId)
                .update() > 0;
    }

    /** Newest first; the open stay (if any) is the first. */
    public List<StayRow> stays(UUID clientId) {
        return jdbc.sql("SELECT id, kind, name, started_on, ended_on FROM cas_institution_stay WHERE client_id = ? "
                        + "ORDER BY started_on DESC, recorded_at DESC")
                .param(clientId).query((rs, n) -> stay(rs)).list();
    }

    /**
     * Serialises moves of one client: two people recording a move at the same moment must not both
     * find the same open stay and leave two open ones behind.
     */
    void lockClient(UUID clientId) {
        jdbc.sql("SELECT id FROM cas_client WHERE id = ? FOR UPDATE").param(clientId).query(UUID.class).single();
    }

    Optional<StayRow> openStay(UUID clientId) {
        return jdbc.sql("SELECT id, kind, name, started_on, ended_on FROM cas_institution_stay "
                        + "WHERE client_id = ? AND ended_on IS NULL")
                .param(clientId).query((rs, n) -> stay(rs)).optional();
    }

    void endStay(UUID clientId, UUID stayId, LocalDate on) {
        jdbc.sql("UPDATE cas_institution_stay SET ended_on = ? WHERE client_id = ? AND id = ? AND ended_on IS NULL")
                .params(Date.valueOf(on), clientId, stayId).update();
    }

    void insertStay(UUID clientId, StayRow s, UUID by, Instant at) {
        jdbc.sql("INSERT INTO cas_institution_stay (id, client_id, kind, name, started_on, ended_on, recorded_by, "
                        + "recorded_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")
                .params(s.id(), clientId, s.kind(), s.name(), Date.valueOf(s.startedOn()), by, Timestamp.from(at))
                .update();
    }

    private static StayRow stay(ResultSet rs) throws SQLException {
        return new StayRow(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getBytes("name"),
                rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class));
    }
}
