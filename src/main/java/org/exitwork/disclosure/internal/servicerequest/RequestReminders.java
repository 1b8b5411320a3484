package org.exitwork.disclosure.internal.servicerequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.WorkMail;
import org.exitwork.safety.StaffWorkAddresses;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follow-up of service requests (R11): a request the partner has not answered within the response time
 * it agreed to is reminded to the tandem; still unanswered after as long again, to the managers. Each
 * step happens once, on any node, under the platform's job lock and a claim of the request's row: an
 * audit entry and, with a mail server and after the commit, an e-mail to the people's work addresses
 * ({@code safety.StaffWorkAddresses}) that says only that a request awaits an answer and links to the
 * page: never the client's pseudonym, the partner or what was asked. The pages mark an overdue request by
 * themselves, from the time; the managers' overview lists those they were reminded of.
 */
@Component
class RequestReminders {

    static final String ACTOR = "exitwork (service request reminder)";

    private final ServiceRequestRepository repository;
    private final CaseDirectory cases;
    private final StaffDirectory staff;
    private final StaffWorkAddresses addresses;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final WorkMail mail;

    RequestReminders(ServiceRequestRepository repository, CaseDirectory cases, StaffDirectory staff,
            StaffWorkAddresses addresses, AuditLog audit, Clock clock, PlatformTransactionManager transactions,
            WorkMail mail) {
        this.repository = repository;
        this.cases = cases;
        this.staff = staff;
        this.addresses = addresses;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.mail = mail;
    }

    /** Reminds every request overdue now and not reminded before, the tandem first, then the managers. */
    @Scheduled(cron = "${exitwork.disclosure.service-request-reminders.cron:0 */10 * * * *}")
    @SchedulerLock(name = "dis_service_request_reminders", lockAtMostFor = "PT5M")
    public void run() {
        Instant now = clock.instant();
        for (ServiceRequestRepository.Stored request : repository.dueForTandem(now)) {
            List<String> to = Boolean.TRUE.equals(transaction.execute(s -> noteForTandem(request, now)))
                    ? tandemAddresses(request) : List.of();
            mail.send(to, "servicerequests.reminder.tandem", "/cases/" + request.clientId() + "/service-requests");
        }
        for (ServiceRequestRepository.Stored request : repository.remindedUnanswered()) {
            Instant managersDue = request.answerDueAt().plus(Duration.ofDays(request.responseDays()));
            if (now.isBefore(managersDue)) {
                continue;
            }
            List<String> to = Boolean.TRUE.equals(transaction.execute(s -> noteForManagers(request, now)))
                    ? managerAddresses(request.orgId()) : List.of();
            mail.send(to, "servicerequests.reminder.managers", "/manage/overview");
        }
    }

    private boolean noteForTandem(ServiceRequestRepository.Stored request, Instant now) {
        if (!repository.claimTandemReminder(request.id(), now)) {
            return false;
        }
        audit.record(new AuditEvent(request.orgId(), null, ACTOR, ServiceRequestActions.SERVICE_REQUEST_OVERDUE,
                pseudonym(request), AuditDetail.of("servicerequest.overdue-tandem", request.id(),
                        LocalDate.ofInstant(request.answerDueAt(), clock.getZone()))));
        return true;
    }

    private boolean noteForManagers(ServiceRequestRepository.Stored request, Instant now) {
        if (!repository.claimManagerReminder(request.id(), now)) {
            return false;
        }
        audit.record(new AuditEvent(request.orgId(), null, ACTOR, ServiceRequestActions.SERVICE_REQUEST_OVERDUE,
                pseudonym(request), AuditDetail.of("servicerequest.overdue-managers", request.id())));
        return true;
    }

    private String pseudonym(ServiceRequestRepository.Stored request) {
        return cases.find(request.orgId(), request.clientId()).map(CaseReference::pseudonym).orElse(null);
    }

    private List<String> tandemAddresses(ServiceRequestRepository.Stored request) {
        List<String> to = new ArrayList<>();
        for (UUID member : cases.find(request.orgId(), request.clientId()).map(CaseReference::tandem)
                .orElse(List.of())) {
            addresses.workAddress(request.orgId(), member).ifPresent(to::add);
        }
        return to;
    }

    private List<String> managerAddresses(UUID organisationId) {
        List<String> to = new ArrayList<>();
        for (StaffMember manager : staff.managers(organisationId)) {
            addresses.workAddress(organisationId, manager.id()).ifPresent(to::add);
        }
        return to;
    }
}
