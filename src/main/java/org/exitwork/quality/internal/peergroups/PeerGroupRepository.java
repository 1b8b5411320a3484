package org.exitwork.quality.internal.peergroups;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of peers, cross-evaluation groups, their members and meetings. */
@Repository
class PeerGroupRepository {

    record GroupRow(UUID id, UUID orgId, String name, Instant createdAt) {
    }

    record PeerRow(UUID staffId, String homeOrganisation, Instant invitedAt) {
    }

    record MeetingRow(UUID id, LocalDate heldOn) {
    }

    private final JdbcClient jdbc;

    PeerGroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPeer(UUID staffId, UUID org, String homeOrganisation, UUID invitedBy, Instant now) {
        jdbc.sql("INSERT INTO qua_peer (staff_id, org_id, peer_organisation, invited_by, invited_at) VALUES (?, ?, ?, ?, ?)")
                .params(staffId, org, homeOrganisation, invitedBy, java.sql.Timestamp.from(now)).update();
    }

    List<PeerRow> peers(UUID org) {
        return jdbc.sql("SELECT staff_id, peer_organisation, invited_at FROM qua_peer WHERE org_id = ? "
                + "ORDER BY invited_at, staff_id").param(org)
                .query((rs, n) -> new PeerRow(rs.getObject("staff_id", UUID.class), rs.getString("peer_organisation"),
                        rs.getTimestamp("invited_at").toInstant()))
                .list();
    }

    void insertGroup(UUID id, UUID org, String name, UUID by, Instant now) {
        jdbc.sql("INSERT INTO qua_peer_group (id, org_id, name, created_by, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, org, name, by, java.sql.Timestamp.from(now)).update();
    }

    Optional<GroupRow> group(UUID org, UUID id) {
        return jdbc.sql("SELECT id, org_id, name, created_at FROM qua_peer_group WHERE org_id = ? AND id = ?")
                .params(org, id).query(PeerGroupRepository::groupRow).optional();
    }

    List<GroupRow> groups(UUID org) {
        return jdbc.sql("SELECT id, org_id, name, created_at FROM qua_peer_group WHERE org_id = ? ORDER BY name, id")
                .param(org).query(PeerGroupRepository::groupRow).list();
    }

    List<GroupRow> groupsOf(UUID org, UUID staffId) {
        return jdbc.sql("SELECT g.id, g.org_id, g.name, g.created_at FROM qua_peer_group g "
                + "JOIN qua_peer_group_member m ON m.group_id = g.id WHERE g.org_id = ? AND m.staff_id = ? "
                + "ORDER BY g.name, g.id").params(org, staffId).query(PeerGroupRepository::groupRow).list();
    }

    List<UUID> members(UUID groupId) {
        return jdbc.sql("SELECT staff_id FROM qua_peer_group_member WHERE group_id = ? ORDER BY added_at, staff_id")
                .param(groupId).query(UUID.class).list();
    }

    boolean isMember(UUID groupId, UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM qua_peer_group_member WHERE group_id = ? AND staff_id = ?")
                .params(groupId, staffId).query(Long.class).single() > 0;
    }

    void addMember(UUID groupId, UUID staffId, UUID by, Instant now) {
        jdbc.sql("INSERT INTO qua_peer_group_member (group_id, staff_id, added_by, added_at) VALUES (?, ?, ?, ?)")
                .params(groupId, staffId, by, java.sql.Timestamp.from(now)).update();
    }

    boolean removeMember(UUID groupId, UUID staffId) {
        return jdbc.sql("DELETE FROM qua_peer_group_member WHERE group_id = ? AND staff_id = ?")
                .params(groupId, staffId).update() > 0;
    }

    void insertMeeting(UUID id, UUID groupId, LocalDate heldOn, UUID by, Instant now) {
        jdbc.sql("INSERT INTO qua_peer_group_meeting (id, group_id, held_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, groupId, heldOn, by, java.sql.Timestamp.from(now)).update();
    }

    List<MeetingRow> meetings(UUID groupId) {
        return jdbc.sql("SELECT id, held_on FROM qua_peer_group_meeting WHERE group_id = ? ORDER BY held_on DESC, id")
                .param(groupId)
                .query((rs, n) -> new MeetingRow(rs.getObject("id", UUID.class), rs.getObject("held_on", LocalDate.class)))
                .list();
    }

    private static GroupRow groupRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new GroupRow(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getTimestamp("created_at").toInstant());
    }
}
