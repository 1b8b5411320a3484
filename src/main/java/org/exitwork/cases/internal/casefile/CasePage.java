package org.exitwork.cases.internal.casefile;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.cases.OpenServiceRequests;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseActions;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.agreement.WorkAgreements;
import org.exitwork.cases.internal.intake.IntakeService;
import org.exitwork.cases.internal.programmes.CaseProgrammeService;
import org.exitwork.cases.internal.risk.HighRisk;
import org.exitwork.cases.internal.sessions.SessionService;
import org.exitwork.cases.internal.tandem.TandemDiversity;
import org.exitwork.cases.internal.tandem.TandemDiversityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case page as one unit (issue 19): one transaction, one access decision and one audit entry for
 * the whole view, naming what its overview showed (sessions and open next steps, the work agreement's
 * version and ratings), where each part used to run and audit on its own.
 */
@Service
class CasePage {

    /** Who may see what of the case: the whole page, a prospect's intake, or only who carries it. */
    enum Shown { CASE, PROSPECT, RESTRICTED }

    /** What the page shows; only {@code restricted} for RESTRICTED, nothing for PROSPECT. */
    record Opened(Shown shown, Parts parts, CaseService.RestrictedView restricted) {
    }

    record Parts(CaseService.CaseView view, IntakeService.Summary intake, TandemDiversity diversity,
            SessionService.Summary sessions, WorkAgreements.Agreement agreement, HighRisk.Panel risk,
            CaseProgrammeService.Panel programme, List<OpenServiceRequests.OpenRequest> serviceRequests) {
    }

    private final CaseAccess access;
    private final CaseService cases;
    private final IntakeService intake;
    private final TandemDiversityService tandemDiversity;
    private final SessionService sessions;
    private final WorkAgreements agreements;
    private final HighRisk highRisk;
    private final CaseProgrammeService caseProgrammes;
    private final ObjectProvider<OpenServiceRequests> serviceRequests;

    CasePage(CaseAccess access, CaseService cases, IntakeService intake, TandemDiversityService tandemDiversity,
            SessionService sessions, WorkAgreements agreements, HighRisk highRisk, CaseProgrammeService caseProgrammes,
            ObjectProvider<OpenServiceRequests> serviceRequests) {
        this.access = access;
        this.cases = cases;
        this.intake = intake;
        this.tandemDiversity = tandemDiversity;
        this.sessions = sessions;
        this.agreements = agreements;
        this.highRisk = highRisk;
        this.caseProgrammes = caseProgrammes;
        this.serviceRequests = serviceRequests;
    }

    @Transactional
    Opened open(StaffPrincipal who, UUID id, Locale locale) {
        if (access.accessOf(who, id) == Access.NONE) {
            return new Opened(Shown.RESTRICTED, null, cases.restricted(who, id));
        }
        CaseRef ref = access.forReading(who, id, "read");
        if (ref.is(Stage.PROSPECT)) {
            return new Opened(Shown.PROSPECT, null, null);
        }
        CaseService.CaseView view = cases.view(who, id);
        SessionService.Summary sessionSummary = sessions.summary(who, id);
        WorkAgreements.Agreement agreement = agreements.summary(who, id);
        Parts parts = new Parts(view, intake.summary(who, id), tandemDiversity.of(who, id), sessionSummary, agreement,
                highRisk.panel(who, id), caseProgrammes.panel(who.organisationId(), id, locale), openServiceRequests(who, id));
        WorkAgreements.Version current = agreement.current();
        String readAs = view.access().name().toLowerCase(Locale.ROOT);
        access.record(who, CaseActions.CASE_READ, ref, current == null
                ? AuditDetail.of("case.read-page-none", readAs, sessionSummary.sessions(), sessionSummary.openSteps().size(),
                        agreement.ratings().size())
                : AuditDetail.of("case.read-page", readAs, sessionSummary.sessions(), sessionSummary.openSteps().size(),
                        current.number(), agreement.ratings().size()));
        return new Opened(Shown.CASE, parts, null);
    }

    /** Read after the case's own access check (the list says nothing of what was written). */
    private List<OpenServiceRequests.OpenRequest> openServiceRequests(StaffPrincipal who, UUID id) {
        OpenServiceRequests open = serviceRequests.getIfAvailable();
        return open == null ? List.of() : open.of(who.organisationId(), List.of(id));
    }
}
