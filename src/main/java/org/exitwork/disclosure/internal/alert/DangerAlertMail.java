package org.exitwork.disclosure.internal.alert;

import org.exitwork.disclosure.internal.DisclosureSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The e-mail of a danger-in-default alert to the named contact (R8): exactly the alert's stored
 * content, nothing else, from the gate's own sender ({@code exitwork.disclosure.mail-from}). Without
 * {@code spring.mail.host} there is no sender; the alert then goes out by telephone from its printable
 * record.
 */
@Component
class DangerAlertMail {

    private static final Logger LOG = LoggerFactory.getLogger(DangerAlertMail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    DangerAlertMail(ObjectProvider<JavaMailSender> sender, DisclosureSettings settings) {
        this.sender = sender;
        this.from = settings.mailFrom();
    }

    /** Whether a mail server is set up ({@code spring.mail.host}); without one no alert goes out by e-mail. */
    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** True when the message was handed to the mail server. */
    boolean send(String to, String subject, String content) {
        JavaMailSender mailSender = sender.getIfAvailable();
        if (mailSender == null || to == null || to.isBlank()) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(content);
        try {
            mailSender.send(message);
            return true;
        } catch (MailException e) {
            LOG.warn("could not send a danger alert e-mail: {}", e.getClass().getName());
            return false;
        }
    }
}
