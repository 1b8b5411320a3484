package org.exitwork.cases.internal;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tandem diversity panel of the case overview (R2), for those who may read the case. */
@Service
class TandemDiversityService {

    private final CaseAccess access;
    private final CaseRepository cases;
    private final StaffDirectory staff;

    TandemDiversityService(CaseAccess access, CaseRepository cases, StaffDirectory staff) {
        this.access = access;
        this.cases = cases;
        this.staff = staff;
    }

    @Transactional(readOnly = true)
    public TandemDiversity of(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read tandem diversity");
        List<UUID> tandem = cases.tandem(ref.id());
        return TandemDiversity.of(tandem, staff.profiles(ref.organisationId(), tandem));
    }
}
