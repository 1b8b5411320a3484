package org.exitwork.disclosure.internal.alert;

import java.time.Clock;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Ground;
import org.exitwork.disclosure.internal.DisclosureLog.Outgoing;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An alert going out (R8): the disclosure record in the caller's transaction, then, once that has
 * committed, the e-mail to the contact; whether it was handed to the mail server is written in a
 * transaction of its own.
 */
@Component
class AlertDispatch {

    private final AlertRepository repository;
    private final DisclosureLog disclosures;
    private final DangerAlertMail mail;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate afterwards;
    private final org.exitwork.accounts.Organisations organisations;

    AlertDispatch(AlertRepository repository, DisclosureLog disclosures, DangerAlertMail mail, AuditLog audit,
            Clock clock, PlatformTransactionManager transactions, org.exitwork.accounts.Organisations organisations) {
        this.organisations = organisations;
        this.repository = repository;
        this.disclosures = disclosures;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
        this.afterwards = new TransactionTemplate(transactions);
        this.afterwards.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Must run inside the transaction that decided the alert goes out. */
    void goOut(StaffPrincipal who, CaseReference ref, Alert alert) {
        UUID disclosure = disclosures.granted(who, ref, new Outgoing(Channel.DANGER_ALERT,
                new Recipient(alert.partnerId(), alert.contactName() + " (" + alert.partnerName() + ")"),
                alert.fields().stream().map(Enum::name).toList(), Ground.dangerAlert(alert.id()), null,
                alert.content()));
        repository.markSent(alert.id(), clock.instant(), disclosure);
        // The e-mail leaves only once the record of it is committed: an alert must never go out
        // without the record of who disclosed what (R8), and a mail cannot be called back.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mail(who, ref, alert);
            }
        });
    }

    private void mail(StaffPrincipal who, CaseReference ref, Alert alert) {
        // The subject names the sender too: the duty officer sees at once who warns them.
        String subject = "Gefahr im Verzug / Danger in default – " + organisations.contact(who.organisationId()).name()
                + ": " + alert.id();
        boolean mailed = mail.send(alert.contactEmail(), subject, alert.content());
        afterwards.executeWithoutResult(status -> {
            if (mailed) {
                repository.markMailed(alert.id());
            } else {
                audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                        AlertActions.DANGER_ALERT_MAIL_FAILED, ref.pseudonym(), AuditDetail.of(
                                alert.contactEmail() == null ? "alert.no-address" : "alert.not-sent", alert.id())));
            }
        });
    }
}
