package org.exitwork.disclosure.internal.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.DisclosureSettings;
import org.exitwork.disclosure.internal.alert.AlertRepository.OverdueReview;
import org.exitwork.safety.StaffWorkAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
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
class ReviewReminders {

    static final String ACTOR = "exitwork (review reminder)";
    private static final Logger LOG = LoggerFactory.getLogger(ReviewReminders.class);

    private final AlertRepository repository;
    private final CaseDirectory cases;
    private final StaffDirectory staff;
    private final StaffWorkAddresses addresses;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final DisclosureSettings settings;
    private final String baseUrl;

    ReviewReminders(AlertRepository repository, CaseDirectory cases, StaffDirectory staff,
            StaffWorkAddresses addresses, AuditLog audit, Clock clock, PlatformTransactionManager transactions,
            ObjectProvider<JavaMailSender> sender, MessageSource messages, DisclosureSettings settings,
            @Value("${exitwork.disclosure.base-url:http://localhost:8080}") String baseUrl) {
        this.repository = repository;
        this.cases = cases;
        this.staff = staff;
        this.addresses = addresses;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.sender = sender;
        this.messages = messages;
        this.settings = settings;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
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
        JavaMailSender mailSender = sender.getIfAvailable();
        if (mailSender == null) {
            return;
        }
        List<String> to = new ArrayList<>();
        for (StaffMember member : staff.team(overdue.organisationId())) {
            if (!member.id().equals(overdue.raisedBy())) {
                Optional<String> address = addresses.workAddress(overdue.organisationId(), member.id());
                address.ifPresent(to::add);
            }
        }
        String link = baseUrl + "/danger-alerts/" + overdue.id();
        String subject = text("dangeralerts.reminder.subject", Locale.ENGLISH) + " / "
                + text("dangeralerts.reminder.subject", Locale.GERMAN);
        String body = text("dangeralerts.reminder.body", Locale.ENGLISH) + "\n" + link + "\n\n"
                + text("dangeralerts.reminder.body", Locale.GERMAN) + "\n" + link + "\n";
        for (String address : to) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(settings.mailFrom());
            message.setTo(address);
            message.setSubject(subject);
            message.setText(body);
            try {
                mailSender.send(message);
            } catch (MailException e) {
                LOG.warn("could not send a review reminder e-mail: {}", e.getClass().getName());
            }
        }
    }

    private String text(String key, Locale language) {
        return messages.getMessage(key, null, language);
    }
}
