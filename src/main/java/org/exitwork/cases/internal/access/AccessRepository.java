package org.exitwork.cases.internal.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the access rules read: the case's stage, its tandem and the break-glass grants. Every room
 * asks for the tandem here, so no room reaches into another room's repository for it.
 */
@Repository
public class AccessRepository {

    private final JdbcClient jdbc;
    private final CaseTallies tallies;

    AccessRepository(JdbcClient jdbc, CaseTallies tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    Optional<CaseRef> find(UUID org, UUID clientId) {
        return jdbc.sql("SELECT id, org_id, pseudonym, stage, language FROM cas_client WHERE org_id = ? AND id = ?")
                .params(org, clientId)
                .query((rs, n) -> new CaseRef(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getString("pseudonym"), Stage.valueOf(rs.getString("stage")), rs.getString("language")))
                .optional();
    }

    boolean inTandem(UUID clientId, UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_tandem_member WHERE client_id = ? AND staff_id = ?")
                .params(clientId, staffId).query(Long.class).single() > 0;
    }

    boolean glassBroken(UUID clientId, UUID staffId, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_access_grant WHERE client_id = ? AND staff_id = ? "
                + "AND expires_at > ?")
                .params(clientId, staffId, Timestamp.from(now)).query(Long.class).single() > 0;
    }

    /** The tandem members in the order they joined. */
    public List<UUID> tandem(UUID clientId) {
        return jdbc.sql("SELECT staff_id FROM cas_tandem_member WHERE client_id = ? ORDER BY position").param(clientId)
                .query(UUID.class).list();
    }

    /** The tandems of several cases in one query, each in the order its members joined. */
    public java.util.Map<UUID, List<UUID>> tandems(java.util.Collection<UUID> clientIds) {
        java.util.Map<UUID, List<UUID>> tandems = new java.util.HashMap<>();
        if (clientIds.isEmpty()) {
            return tandems;
        }
        jdbc.sql("SELECT client_id, staff_id FROM cas_tandem_member WHERE client_id IN (:ids) ORDER BY client_id, position")
                .param("ids", List.copyOf(clientIds))
                .query((rs, n) -> tandems.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        return tandems;
    }

    public void insertTandemMember(UUID clientId, UUID staffId, int position) {
        tallies.touch(clientId);
        jdbc.sql("INSERT INTO cas_tandem_member (client_id, staff_id, position) VALUES (?, ?, ?)")
                .params(clientId, staffId, position).update();
        keepTandemSize(clientId);
    }

    /** cas_client.tandem_size (V1_64_0), which the overview and the tandem gaps read, as the tandem now is. */
    private void keepTandemSize(UUID clientId) {
        jdbc.sql("UPDATE cas_client SET tandem_size = (SELECT COUNT(*) FROM cas_tandem_member t WHERE t.client_id = ?)"
                + " WHERE id = ?").params(clientId, clientId).update();
    }

    /**
     * Holds the case's row until the transaction ends, so that two changes of one tandem run one after
     * the other and the second sees the tandem the first left (a case never ends up without a member).
     */
    public void lockTandem(UUID clientId) {
        jdbc.sql("SELECT id FROM cas_client WHERE id = ? FOR UPDATE").param(clientId).query(UUID.class).list();
    }

    public void removeTandemMember(UUID clientId, UUID staffId) {
        tallies.touch(clientId);
        jdbc.sql("DELETE FROM cas_tandem_member WHERE client_id = ? AND staff_id = ?").params(clientId, staffId)
                .update();
        keepTandemSize(clientId);
    }

    /** The newcomer takes the leaver's place in the order of the tandem. */
    public void replaceTandemMember(UUID clientId, UUID leaving, UUID joining) {
        tallies.touch(clientId);
        jdbc.sql("UPDATE cas_tandem_member SET staff_id = ? WHERE client_id = ? AND staff_id = ?")
                .params(joining, clientId, leaving).update();
    }

    public int nextTandemPosition(UUID clientId) {
        return jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM cas_tandem_member WHERE client_id = ?")
                .param(clientId).query(Integer.class).single();
    }

    /** The open cases (prospects and clients) the staff member is in the tandem of. */
    /** The pseudonyms of those of the cases whose tandem the staff member is in, in one query. */
    public java.util.Map<UUID, String> pseudonymsInTandem(UUID org, UUID staffId, java.util.Collection<UUID> clientIds) {
        java.util.Map<UUID, String> found = new java.util.HashMap<>();
        if (clientIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT c.id, c.pseudonym FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id "
                + "AND t.staff_id = :staff WHERE c.org_id = :org AND c.id IN (:ids)")
                .param("staff", staffId).param("org", org).param("ids", List.copyOf(new java.util.HashSet<>(clientIds)))
                .query((rs, n) -> found.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return found;
    }

    /** The prospects and clients the staff member carries, by pseudonym, in one query. */
    public List<CaseRef> carriedCases(UUID org, UUID staffId) {
        return jdbc.sql("""
                SELECT c.id, c.org_id, c.pseudonym, c.stage, c.language FROM cas_client c
                JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = ? AND t.staff_id = ? AND c.stage IN ('PROSPECT', 'CLIENT') ORDER BY c.pseudonym""")
                .params(org, staffId)
                .query((rs, n) -> new CaseRef(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getString("pseudonym"), Stage.valueOf(rs.getString("stage")), rs.getString("language")))
                .list();
    }

    /** How many open cases (prospects and clients) each of the staff members is in the tandem of, in one query. */
    public java.util.Map<UUID, Long> openCasesOf(UUID org, java.util.Collection<UUID> staffIds) {
        java.util.Map<UUID, Long> counts = new java.util.HashMap<>();
        if (staffIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT t.staff_id, COUNT(*) FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id "
                + "WHERE c.org_id = :org AND t.staff_id IN (:staff) AND c.stage IN ('PROSPECT', 'CLIENT') GROUP BY t.staff_id")
                .param("org", org).param("staff", List.copyOf(new java.util.HashSet<>(staffIds)))
                .query((rs, n) -> counts.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        return counts;
    }

    public List<UUID> carriedBy(UUID org, UUID staffId) {
        return jdbc.sql("""
                SELECT c.id FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = ? AND t.staff_id = ? AND c.stage IN ('PROSPECT', 'CLIENT') ORDER BY c.pseudonym""")
                .params(org, staffId).query(UUID.class).list();
    }
}
