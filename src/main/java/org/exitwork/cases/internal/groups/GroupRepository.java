package org.exitwork.cases.internal.groups;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.internal.sessions.Theme;
import org.exitwork.platform.KeysetPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cas_group* tables. Every query is scoped to one organisation or one group found through it. */
@Repository
public class GroupRepository {

    record GroupRow(UUID id, UUID organisationId, byte[] name, String setting, byte[] institution, Instant createdAt) {
    }

    /** {@code label} is the leaders' private label, sealed with the group's key (null: none given). */
    record ParticipantRow(UUID id, String pseudonym, Instant addedAt, UUID clientId, int attended, byte[] label) {
    }

    record SessionRow(UUID id, LocalDate heldOn, int minutes, byte[] note, UUID recordedBy, Instant recordedAt) {
    }

    record OwnCase(UUID id, String pseudonym) {
    }

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<GroupRef> find(UUID org, UUID groupId) {
        return jdbc.sql("SELECT id, org_id FROM cas_group WHERE org_id = ? AND id = ?")
                .params(org, groupId)
                .query((rs, n) -> new GroupRef(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class)))
                .optional();
    }

    boolean leads(UUID groupId, UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_group_leader WHERE group_id = ? AND staff_id = ?")
                .params(groupId, staffId).query(Long.class).single() > 0;
    }

    void insertGroup(GroupRow g, UUID createdBy) {
        jdbc.sql("INSERT INTO cas_group (id, org_id, name, setting, institution, created_at, created_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(g.id(), g.organisationId(), g.name(), g.setting(), g.institution(),
                        Timestamp.from(g.createdAt()), createdBy)
                .update();
    }

    void updateGroup(UUID id, byte[] name, String setting, byte[] institution) {
        jdbc.sql("UPDATE cas_group SET name = ?, setting = ?, institution = ? WHERE id = ?")
                .params(name, setting, institution, id).update();
    }

    Optional<GroupRow> group(UUID id) {
        return jdbc.sql("SELECT id, org_id, name, setting, institution, created_at FROM cas_group WHERE id = ?")
                .param(id).query(GroupRepository::group).optional();
    }

    /**
     * One page of the organisation's groups, newest first by (created_at, id) descending (the names are
     * sealed, so the database cannot sort by them): the {@code limit} after the group {@code after}, or
     * before the group {@code before} read backwards; only of one setting, only those {@code leader} leads,
     * when given. Keyset on cas_group_created or cas_group_setting_created (V1_60_1), no OFFSET; a cursor
     * of another organisation matches nothing, so the page is empty.
     */
    List<GroupRow> groups(UUID org, String setting, UUID leader, UUID after, UUID before, int limit) {
        boolean backwards = KeysetPage.backwards(after, before);
        UUID cursor = backwards ? before : after;
        StringBuilder sql = new StringBuilder("SELECT g.id, g.org_id, g.name, g.setting, g.institution, g.created_at "
                + "FROM cas_group g");
        List<Object> params = new java.util.ArrayList<>();
        if (cursor != null) {
            sql.append(" JOIN cas_group k ON k.id = ? AND k.org_id = g.org_id");
            params.add(cursor);
        }
        sql.append(" WHERE g.org_id = ?");
        params.add(org);
        if (setting != null) {
            sql.append(" AND g.setting = ?");
            params.add(setting);
        }
        if (leader != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM cas_group_leader l WHERE l.group_id = g.id AND l.staff_id = ?)");
            params.add(leader);
        }
        if (cursor != null) {
            // The list runs newest first: "after" is older, "before" is newer.
            sql.append(backwards ? " AND (g.created_at > k.created_at OR (g.created_at = k.created_at AND g.id > k.id))"
                    : " AND (g.created_at < k.created_at OR (g.created_at = k.created_at AND g.id < k.id))");
        }
        sql.append(backwards ? " ORDER BY g.created_at, g.id" : " ORDER BY g.created_at DESC, g.id DESC")
                .append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(GroupRepository::group).list();
    }

    private static GroupRow group(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new GroupRow(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getBytes("name"),
                rs.getString("setting"), rs.getBytes("institution"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    void replaceLeaders(UUID groupId, Collection<UUID> leaders) {
        jdbc.sql("DELETE FROM cas_group_leader WHERE group_id = ?").param(groupId).update();
        for (UUID leader : leaders) {
            jdbc.sql("INSERT INTO cas_group_leader (group_id, staff_id) VALUES (?, ?)").params(groupId, leader).update();
        }
    }

    List<UUID> leaders(UUID groupId) {
        return jdbc.sql("SELECT staff_id FROM cas_group_leader WHERE group_id = ?").param(groupId).query(UUID.class)
                .list();
    }

    /** The leaders of several groups (one page of the list) in one query. */
    Map<UUID, List<UUID>> leadersOf(Collection<UUID> groupIds) {
        Map<UUID, List<UUID>> leaders = new HashMap<>();
        if (groupIds.isEmpty()) {
            return leaders;
        }
        jdbc.sql("SELECT group_id, staff_id FROM cas_group_leader WHERE group_id IN (:ids)")
                .param("ids", List.copyOf(groupIds))
                .query(rs -> {
                    leaders.computeIfAbsent(rs.getObject("group_id", UUID.class), k -> new java.util.ArrayList<>())
                            .add(rs.getObject("staff_id", UUID.class));
                });
        return leaders;
    }

    /** Pseudonyms are unique among the organisation's group participants and differ from its clients'. */
    boolean pseudonymTaken(UUID org, String pseudonym) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM cas_group_participant WHERE org_id = ? AND pseudonym = ?) "
                + "+ (SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND pseudonym = ?)")
                .params(org, pseudonym, org, pseudonym).query(Long.class).single() > 0;
    }

    void insertParticipant(UUID id, UUID groupId, UUID org, String pseudonym, Instant addedAt) {
        jdbc.sql("INSERT INTO cas_group_participant (id, group_id, org_id, pseudonym, added_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, groupId, org, pseudonym, Timestamp.from(addedAt)).update();
    }

    List<ParticipantRow> participants(UUID groupId) {
        return jdbc.sql("""
                SELECT p.id, p.pseudonym, p.added_at, p.client_id, p.label,
                       (SELECT COUNT(*) FROM cas_group_attendance a WHERE a.participant_id = p.id) AS attended
                FROM cas_group_participant p WHERE p.group_id = ? ORDER BY p.added_at, p.pseudonym""")
                .param(groupId)
                .query((rs, n) -> new ParticipantRow(rs.getObject("id", UUID.class), rs.getString("pseudonym"),
                        rs.getObject("added_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("client_id", UUID.class), rs.getInt("attended"), rs.getBytes("label")))
                .list();
    }

    /** Sets, replaces or (with {@code null}) removes the participant's sealed private label. */
    void setLabel(UUID groupId, UUID participantId, byte[] label) {
        jdbc.sql("UPDATE cas_group_participant SET label = ? WHERE group_id = ? AND id = ?")
                .params(label, groupId, participantId).update();
    }

    /**
     * Clears the labels of the participants linked to a client who is being erased: the group keeps
     * their pseudonym and attendance, nothing that points to the person. Must run before the client's
     * row goes, since that sets the link to NULL.
     */
    int forgetLabelsOfClient(UUID clientId) {
        return jdbc.sql("UPDATE cas_group_participant SET label = NULL WHERE client_id = ? AND label IS NOT NULL")
                .param(clientId).update();
    }

    Optional<ParticipantRow> participant(UUID groupId, UUID participantId) {
        return participants(groupId).stream().filter(p -> p.id().equals(participantId)).findFirst();
    }

    void linkCase(UUID participantId, UUID clientId) {
        jdbc.sql("UPDATE cas_group_participant SET client_id = ? WHERE id = ?").params(clientId, participantId)
                .update();
    }

    boolean caseLinkedInGroup(UUID groupId, UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_group_participant WHERE group_id = ? AND client_id = ?")
                .params(groupId, clientId).query(Long.class).single() > 0;
    }

    /** The cases among {@code clientIds} whose tandem includes {@code staffId}, with their pseudonyms. */
    Map<UUID, String> casesInTandemOf(UUID staffId, Collection<UUID> clientIds) {
        Map<UUID, String> found = new HashMap<>();
        if (clientIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT c.id, c.pseudonym FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id "
                + "WHERE t.staff_id = :staff AND c.id IN (:ids)")
                .param("staff", staffId).param("ids", clientIds)
                .query(rs -> {
                    found.put(rs.getObject("id", UUID.class), rs.getString("pseudonym"));
                });
        return found;
    }

    /** The practitioner's own tandem cases that a participant may be linked to. */
    List<OwnCase> ownCases(UUID org, UUID staffId) {
        return jdbc.sql("SELECT c.id, c.pseudonym FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id "
                + "WHERE c.org_id = ? AND t.staff_id = ? AND c.stage = 'CLIENT' ORDER BY c.pseudonym")
                .params(org, staffId)
                .query((rs, n) -> new OwnCase(rs.getObject("id", UUID.class), rs.getString("pseudonym")))
                .list();
    }

    void insertSession(UUID groupId, SessionRow s, Set<Theme> themes, Set<UUID> present) {
        jdbc.sql("INSERT INTO cas_group_session (id, group_id, held_on, duration_minutes, note, recorded_by, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), groupId, Date.valueOf(s.heldOn()), s.minutes(), s.note(), s.recordedBy(),
                        Timestamp.from(s.recordedAt()))
                .update();
        for (Theme theme : themes) {
            jdbc.sql("INSERT INTO cas_group_session_theme (session_id, theme) VALUES (?, ?)")
                    .params(s.id(), theme.name()).update();
        }
        for (UUID participant : present) {
            jdbc.sql("INSERT INTO cas_group_attendance (session_id, participant_id) VALUES (?, ?)")
                    .params(s.id(), participant).update();
        }
    }

    List<SessionRow> sessions(UUID groupId) {
        return jdbc.sql("SELECT id, held_on, duration_minutes, note, recorded_by, recorded_at FROM cas_group_session "
                + "WHERE group_id = ? ORDER BY held_on DESC, recorded_at DESC")
                .param(groupId)
                .query((rs, n) -> new SessionRow(rs.getObject("id", UUID.class), rs.getDate("held_on").toLocalDate(),
                        rs.getInt("duration_minutes"), rs.getBytes("note"), rs.getObject("recorded_by", UUID.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    Map<UUID, Set<Theme>> sessionThemes(UUID groupId) {
        Map<UUID, Set<Theme>> themes = new HashMap<>();
        jdbc.sql("SELECT t.session_id, t.theme FROM cas_group_session_theme t "
                + "JOIN cas_group_session s ON s.id = t.session_id WHERE s.group_id = ?").param(groupId)
                .query(rs -> {
                    themes.computeIfAbsent(rs.getObject("session_id", UUID.class), k -> EnumSet.noneOf(Theme.class))
                            .add(Theme.valueOf(rs.getString("theme")));
                });
        return themes;
    }

    /** Who was present, by session. */
    Map<UUID, Set<UUID>> attendance(UUID groupId) {
        Map<UUID, Set<UUID>> present = new HashMap<>();
        jdbc.sql("SELECT a.session_id, a.participant_id FROM cas_group_attendance a "
                + "JOIN cas_group_session s ON s.id = a.session_id WHERE s.group_id = ?").param(groupId)
                .query(rs -> {
                    present.computeIfAbsent(rs.getObject("session_id", UUID.class), k -> new java.util.HashSet<>())
                            .add(rs.getObject("participant_id", UUID.class));
                });
        return present;
    }

    public record AttendanceRow(UUID groupId, byte[] name, String setting, Instant addedAt, int attended) {
    }

    /** The groups a client takes part in and how many of their sessions they attended (the client's report, R19). */
    public List<AttendanceRow> attendanceOf(UUID clientId) {
        return jdbc.sql("""
                SELECT g.id, g.name, g.setting, p.added_at,
                       (SELECT COUNT(*) FROM cas_group_attendance a WHERE a.participant_id = p.id) AS attended
                FROM cas_group_participant p JOIN cas_group g ON g.id = p.group_id
                WHERE p.client_id = ? ORDER BY p.added_at""")
                .param(clientId)
                .query((rs, n) -> new AttendanceRow(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getInt(5)))
                .list();
    }
}
