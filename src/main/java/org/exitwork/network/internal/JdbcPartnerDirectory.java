package org.exitwork.network.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.network.PartnerKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcPartnerDirectory implements PartnerDirectory {

    private final JdbcClient jdbc;

    JdbcPartnerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Partner> find(UUID organisationId, UUID partnerId) {
        return jdbc.sql("SELECT id, org_id, name, kind, active FROM net_partner WHERE org_id = ? AND id = ?")
                .params(organisationId, partnerId).query((rs, n) -> partner(rs)).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Partner> partners(UUID organisationId) {
        return jdbc.sql("SELECT id, org_id, name, kind, active FROM net_partner WHERE org_id = ? "
                + "ORDER BY active DESC, name").param(organisationId).query((rs, n) -> partner(rs)).list();
    }

    private static Partner partner(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Partner(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                PartnerKind.valueOf(rs.getString("kind")), rs.getBoolean("active"));
    }
}
