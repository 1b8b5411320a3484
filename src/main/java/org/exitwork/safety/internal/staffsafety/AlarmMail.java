package org.exitwork.safety.internal.staffsafety;

import java.util.List;
import java.util.Locale;

import org.exitwork.safety.internal.settings.SafetyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The one class that sends e-mail outside the disclosure module (see {@code OutboundChannelsTest}):
 * staff alarms (R14). An alarm says only whose alert is open and links to the alerts page; it never
 * carries the place, a pseudonym or anything else about a client. Without {@code spring.mail.host}
 * there is no mail sender and e-mail is skipped; the in-app alerts work regardless.
 */
@Component
class AlarmMail {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmMail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final SafetyProperties properties;

    AlarmMail(ObjectProvider<JavaMailSender> sender, MessageSource messages, SafetyProperties properties) {
        this.sender = sender;
        this.messages = messages;
        this.properties = properties;
    }

    /** One message to each address: {@code who} is the colleague the alert is about. */
    void send(List<String> addresses, String who, AlertKind kind) {
        JavaMailSender mailSender = sender.getIfAvailable();
        if (mailSender == null || addresses.isEmpty()) {
            return;
        }
        String link = properties.baseUrl().replaceAll("/+$", "") + "/safety/alerts";
        String subject = text("safety.mail.subject", Locale.ENGLISH, who) + " / "
                + text("safety.mail.subject", Locale.GERMAN, who);
        String body = text("safety.mail.body." + kind.name(), Locale.ENGLISH, who) + "\n" + link + "\n\n"
                + text("safety.mail.body." + kind.name(), Locale.GERMAN, who) + "\n" + link + "\n";
        for (String address : addresses) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.mailFrom());
            message.setTo(address);
            message.setSubject(subject);
            message.setText(body);
            try {
                mailSender.send(message);
            } catch (MailException e) {
                LOG.warn("could not send a safety alarm e-mail: {}", e.getMessage());
            }
        }
    }

    private String text(String key, Locale locale, String who) {
        return messages.getMessage(key, new Object[] {who}, locale);
    }
}
