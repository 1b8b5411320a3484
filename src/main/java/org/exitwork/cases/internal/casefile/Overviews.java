package org.exitwork.cases.internal.casefile;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.exitwork.cases.internal.handover.Handovers;
import org.exitwork.cases.internal.risk.HighRisk;
import org.exitwork.cases.internal.sessions.SessionAgenda;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.KeysetPage;
import org.exitwork.cases.OpenServiceRequests;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practitioner's start page and the manager's overview. Both are built from plaintext columns
 * only (pseudonyms, stages, dates, counts): nothing here decrypts case content, so nothing here
 * can show it.
 */
@Service
class Overviews {

    static final int FOLLOW_UP_HORIZON_DAYS = 14;

    record MyCase(UUID id, String pseudonym, Stage stage, boolean safetyDiscussed) {
    }

    record Due(UUID clientId, String pseudonym, LocalDate dueOn) {
    }

    record StartPage(List<MyCase> cases, List<Due> followUps, List<SessionAgenda.NextMeeting> nextMeetings,
            List<SessionAgenda.DueStep> nextSteps, List<RequestLine> serviceRequests) {
    }

    /** An open service request of one of my cases, with the case's pseudonym. */
    record RequestLine(String pseudonym, OpenServiceRequests.OpenRequest request) {
    }

    record Caseload(String practitioner, long clients, long prospects) {
    }

    record Waiting(UUID clientId, String pseudonym, LocalDate since) {
    }

    /** {@code caseloads}: one page of the active practitioners by name, fifty a page. */
    record ManagerOverview(KeysetPage<Caseload> caseloads, long clients, long singlePractitionerCases,
            long withoutCurrentAgreement, long prospects, List<Waiting> awaitingSafetyDiscussion,
            List<OpenServiceRequests.Unanswered> unansweredRequests) {
    }

    /** Everything the managers' overview shows, read in one transaction. */
    record ManagerPage(ManagerOverview overview, SetupChecklist.Checklist setup, List<Handovers.Gap> tandemGaps,
            List<HighRisk.Waiting> highRiskWaiting) {
    }

    private final OverviewRepository rows;
    private final SetupChecklist setup;
    private final Handovers handovers;
    private final HighRisk highRisk;
    private final StaffDirectory staff;
    private final Clock clock;
    private final SessionAgenda agenda;
    private final CaseTallies tallies;
    private final ObjectProvider<OpenServiceRequests> requests;

    Overviews(OverviewRepository rows, StaffDirectory staff, Clock clock, SessionAgenda agenda,
            CaseTallies tallies, ObjectProvider<OpenServiceRequests> requests, SetupChecklist setup, Handovers handovers,
            HighRisk highRisk) {
        this.setup = setup;
        this.handovers = handovers;
        this.highRisk = highRisk;
        this.requests = requests;
        this.agenda = agenda;
        this.tallies = tallies;
        this.rows = rows;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public StartPage startPage(StaffPrincipal practitioner) {
        if (!practitioner.is(Role.PRACTITIONER)) {
            throw new ForbiddenException();
        }
        List<MyCase> cases = rows.casesOf(practitioner.organisationId(), practitioner.id());
        List<Due> followUps = rows.followUpsDue(practitioner.organisationId(), practitioner.id(),
                LocalDate.now(clock).plusDays(FOLLOW_UP_HORIZON_DAYS));
        LocalDate horizon = LocalDate.now(clock).plusDays(FOLLOW_UP_HORIZON_DAYS);
        Map<UUID, String> pseudonyms = cases.stream().collect(Collectors.toMap(MyCase::id, MyCase::pseudonym));
        OpenServiceRequests open = requests.getIfAvailable();
        List<RequestLine> serviceRequests = open == null ? List.of()
                : open.of(practitioner.organisationId(), pseudonyms.keySet()).stream()
                        .map(r -> new RequestLine(pseudonyms.get(r.clientId()), r)).toList();
        return new StartPage(cases, followUps, agenda.nextMeetings(practitioner, clock.instant()),
                agenda.nextStepsDue(practitioner, horizon), serviceRequests);
    }

    /** The managers' overview page: its figures, set-up checklist, tandem gaps and waiting high-risk cases. */
    @Transactional(readOnly = true)
    public ManagerPage managerPage(StaffPrincipal manager, UUID caseloadsAfter, UUID caseloadsBefore) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        UUID org = manager.organisationId();
        CaseTallies.OpenCases open = tallies.openCases(org);
        return new ManagerPage(managerOverview(org, open, caseloadsAfter, caseloadsBefore), setup.of(org),
                handovers.gaps(org, open), highRisk.waiting(org));
    }

    private ManagerOverview managerOverview(UUID org, CaseTallies.OpenCases open, UUID caseloadsAfter,
            UUID caseloadsBefore) {
        KeysetPage<StaffMember> practitioners = staff.practitioners(org, caseloadsAfter, caseloadsBefore);
        KeysetPage<Caseload> caseloads = new KeysetPage<>(practitioners.rows().stream()
                .map(p -> new Caseload(p.displayName(), open.clientLoads().getOrDefault(p.id(), 0L),
                        open.prospectLoads().getOrDefault(p.id(), 0L)))
                .toList(), practitioners.previousBefore(), practitioners.nextAfter());
        OpenServiceRequests requests = this.requests.getIfAvailable();
        return new ManagerOverview(caseloads, open.clients(), rows.singlePractitionerCases(org),
                open.clientsWithoutAgreement(), open.prospects(), rows.awaitingSafetyDiscussion(org),
                requests == null ? List.of() : requests.unansweredAfterReminders(org));
    }
}
