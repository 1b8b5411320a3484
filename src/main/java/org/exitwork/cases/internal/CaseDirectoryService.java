package org.exitwork.cases.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link CaseDirectory} on top of {@link CaseAccess}, so other modules follow the same rules. */
@Service
class CaseDirectoryService implements CaseDirectory {

    private final CaseAccess access;
    private final CaseRepository cases;
    private final JdbcClient jdbc;

    CaseDirectoryService(CaseAccess access, CaseRepository cases, JdbcClient jdbc) {
        this.access = access;
        this.cases = cases;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public CaseReference requireTandem(StaffPrincipal who, UUID clientId, String what) {
        return reference(access.forTandem(who, clientId, what));
    }

    @Override
    @Transactional
    public CaseReference requireReader(StaffPrincipal who, UUID clientId, String what) {
        return reference(access.forReading(who, clientId, what));
    }

    @Override
    @Transactional(readOnly = true)
    public boolean inTandem(StaffPrincipal who, UUID clientId) {
        try {
            return access.access(who, access.find(who, clientId)) == Access.TANDEM;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseReference> casesCarriedBy(StaffPrincipal who) {
        CaseAccess.requireCaseRole(who);
        return jdbc.sql("""
                SELECT c.id FROM cas_client c JOIN cas_tandem_member t ON t.client_id = c.id
                WHERE c.org_id = ? AND t.staff_id = ? AND c.stage IN ('PROSPECT', 'CLIENT') ORDER BY c.pseudonym""")
                .params(who.organisationId(), who.id()).query(UUID.class).list().stream()
                .map(id -> find(who.organisationId(), id).orElseThrow()).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseReference> find(UUID organisationId, UUID clientId) {
        return jdbc.sql("SELECT id, org_id, pseudonym FROM cas_client WHERE org_id = ? AND id = ?")
                .params(organisationId, clientId)
                .query((rs, n) -> new CaseReference(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), cases.tandem(clientId)))
                .optional();
    }

    private CaseReference reference(CaseRef ref) {
        return new CaseReference(ref.id(), ref.organisationId(), ref.pseudonym(), cases.tandem(ref.id()));
    }
}
