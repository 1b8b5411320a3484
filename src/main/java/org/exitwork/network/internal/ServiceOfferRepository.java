package org.exitwork.network.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.network.Need;
import org.exitwork.network.PartnerServices.ServiceOffer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of a partner's services and contact protocol ({@code net_partner_protocol},
 * {@code net_partner_service}). How to reach the partner is sealed with the system key.
 */
@Repository
class ServiceOfferRepository {

    static final String PROTOCOL = "net_partner_protocol";

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    ServiceOfferRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    Optional<ServiceOffer> offer(UUID organisationId, UUID partnerId) {
        return offers(organisationId, partnerId).stream().findFirst();
    }

    List<ServiceOffer> offers(UUID organisationId) {
        return offers(organisationId, null);
    }

    /** Replaces the partner's offer; with no needs the partner offers nothing and its protocol goes. */
    void replace(UUID organisationId, UUID partnerId, Set<Need> needs, String howToReach, String language,
            int responseDays, Instant now) {
        jdbc.sql("DELETE FROM net_partner_service WHERE partner_id = ? AND org_id = ?").params(partnerId, organisationId)
                .update();
        jdbc.sql("DELETE FROM " + PROTOCOL + " WHERE partner_id = ? AND org_id = ?").params(partnerId, organisationId)
                .update();
        if (needs.isEmpty()) {
            return;
        }
        FieldCipher.RowCipher row = secrets.cipher().row(PROTOCOL, partnerId);
        jdbc.sql("INSERT INTO " + PROTOCOL + " (partner_id, org_id, how_to_reach, language, response_days, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(partnerId, organisationId, row.seal("how_to_reach", howToReach), language, responseDays,
                        Timestamp.from(now))
                .update();
        for (Need need : needs) {
            jdbc.sql("INSERT INTO net_partner_service (partner_id, org_id, need) VALUES (?, ?, ?)")
                    .params(partnerId, organisationId, need.name()).update();
        }
    }

    private List<ServiceOffer> offers(UUID organisationId, UUID only) {
        Map<UUID, Set<Need>> needs = new HashMap<>();
        jdbc.sql("SELECT partner_id, need FROM net_partner_service WHERE org_id = ?"
                + (only == null ? "" : " AND partner_id = ?"))
                .params(only == null ? List.of(organisationId) : List.of(organisationId, only))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), Need.valueOf(rs.getString(2)))).list()
                .forEach(e -> needs.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(Need.class)).add(e.getValue()));
        FieldCipher cipher = secrets.cipher();
        return jdbc.sql("SELECT partner_id, how_to_reach, language, response_days FROM " + PROTOCOL
                + " WHERE org_id = ?" + (only == null ? "" : " AND partner_id = ?"))
                .params(only == null ? List.of(organisationId) : List.of(organisationId, only))
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new ServiceOffer(id, needs.getOrDefault(id, Set.of()),
                            cipher.row(PROTOCOL, id).open("how_to_reach", rs.getBytes(2)), rs.getString(3),
                            rs.getInt(4));
                }).list();
    }
}
