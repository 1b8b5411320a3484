package org.exitwork.disclosure.internal.alert.review;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.DisclosureSettings;
import org.exitwork.disclosure.internal.WorkMail;
import org.exitwork.disclosure.internal.alert.AlertActions;
import org.exitwork.disclosure.internal.alert.AlertRepository;
import org.exitwork.disclosure.internal.alert.AlertRepository.OverdueReview;
import org.exitwork.safety.StaffWorkAddresses;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job that notes reviews gone overdue (R8): an alert that could not wait went out at once, and no
 * second staff member reviewed it within {@code exitwork.disclosure.danger-alert-review-within}. Each is
 * noted once, on any node, under the platform's job lock and a claim of its row: an audit entry, and,
 * with a mail server, a reminder to every possible reviewer (practitioners and managers of the
 * organisation but the one who raised it) with a work address. The reminder says only that an alert
 * awaits its review and links to it: never the alert's content, the client's pseudonym or the
 * recipient. The banner marks such a review overdue by itself, from the time.
 */
@Component
public class ReviewReminders {

    static final String ACTOR = "exitwork (review reminder)";

    private final AlertRepository repository;
    private final CaseDirectory cases;
    private final StaffDirectory staff;
    private final StaffWorkAddresses addresses;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final WorkMail mail;
    private final DisclosureSettings settings;

    ReviewReminders(AlertRepository repository, CaseDirectory cases, StaffDirectory staff,
            StaffWorkAddresses addresses, AuditLog audit, Clock clock, PlatformTransactionManager transactions,
            WorkMail mail, DisclosureSettings settings) {
        this.repository = repository;
        this.cases = cases;
        this.staff = staff;
        this.addresses = addresses;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.mail = mail;
        this.settings = settings;
    }

    /** Notes every review overdue now and not noted before. */
    @Scheduled(cron = "${exitwork.disclosure.review-reminders.cron:0 */10 * * * *}")
    @SchedulerLock(name = "dis_review_reminders", lockAtMostFor = "PT5M")
    public void run() {
        Instant now = clock.instant();
        for (OverdueReview overdue : repository.overdueUnnoted(now.minus(settings.dangerAlertReviewWithin()))) {
            if (Boolean.TRUE.equals(transaction.execute(status -> note(overdue, now)))) {
                // After the commit: a crash in between loses a reminder, never doubles it; the banner stays.
                remind(overdue);
            }
        }
    }

    private boolean note(OverdueReview overdue, Instant now) {
        if (!repository.noteOverdue(overdue.id(), now)) {
            return false;
        }
        String pseudonym = cases.find(overdue.organisationId(), overdue.clientId()).map(CaseReference::pseudonym)
                .orElse(null);
        audit.record(new AuditEvent(overdue.organisationId(), null, ACTOR, AlertActions.DANGER_ALERT_REVIEW_OVERDUE,
                pseudonym, AuditDetail.of("alert.review-overdue", overdue.id(),
                        overdue.raisedAt().plus(settings.dangerAlertReviewWithin()))));
        return true;
    }

    private void remind(OverdueReview overdue) {
        List<String> to = new ArrayList<>();
        for (StaffMember member : staff.team(overdue.organisationId())) {
            if (!member.id().equals(overdue.raisedBy())) {
                addresses.workAddress(overdue.organisationId(), member.id()).ifPresent(to::add);
            }
        }
        mail.send(to, "dangeralerts.reminder", "/danger-alerts/" + overdue.id());
    }
}
