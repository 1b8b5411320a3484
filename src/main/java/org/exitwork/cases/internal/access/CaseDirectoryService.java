package org.exitwork.cases.internal.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link CaseDirectory} on top of {@link CaseAccess}, so other modules follow the same rules. */
@Service
class CaseDirectoryService implements CaseDirectory {

    private final CaseAccess access;
    private final AccessRepository rows;

    CaseDirectoryService(CaseAccess access, AccessRepository rows) {
        this.access = access;
        this.rows = rows;
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
        // The cases and their tandems in two queries, not two per case.
        List<CaseRef> carried = rows.carriedCases(who.organisationId(), who.id());
        java.util.Map<UUID, List<UUID>> tandems = rows.tandems(carried.stream().map(CaseRef::id).toList());
        return carried.stream().map(ref -> new CaseReference(ref.id(), ref.organisationId(), ref.pseudonym(),
                tandems.getOrDefault(ref.id(), List.of()))).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<UUID, String> pseudonymsInTandem(StaffPrincipal who, java.util.Collection<UUID> clientIds) {
        return rows.pseudonymsInTandem(who.organisationId(), who.id(), clientIds);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CaseReference> find(UUID organisationId, UUID clientId) {
        return rows.find(organisationId, clientId).map(this::reference);
    }

    private CaseReference reference(CaseRef ref) {
        return new CaseReference(ref.id(), ref.organisationId(), ref.pseudonym(), rows.tandem(ref.id()));
    }
}
