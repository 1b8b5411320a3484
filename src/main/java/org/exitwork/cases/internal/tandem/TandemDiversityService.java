package org.exitwork.cases.internal.tandem;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tandem diversity panel of the case overview (R2), for those who may read the case. */
@Service
public class TandemDiversityService {

    private final CaseAccess access;
    private final AccessRepository tandems;
    private final StaffDirectory staff;

    TandemDiversityService(CaseAccess access, AccessRepository tandems, StaffDirectory staff) {
        this.access = access;
        this.tandems = tandems;
        this.staff = staff;
    }

    @Transactional(readOnly = true)
    public TandemDiversity of(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read tandem diversity");
        List<UUID> tandem = tandems.tandem(ref.id());
        return TandemDiversity.of(tandem, staff.profiles(ref.organisationId(), tandem));
    }
}
