package org.exitwork.disclosure.internal;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * A reminder to staff at their work addresses (an overdue review, an unanswered service request): a
 * text in English and German that says only that something awaits them, and a link to the page. Never
 * client data; callers send after their transaction has committed, so a crash in between loses a
 * reminder and never doubles one. Without a mail server nothing is sent: the pages show the same.
 */
@Component
public class WorkMail {

    private static final Logger LOG = LoggerFactory.getLogger(WorkMail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final DisclosureSettings settings;
    private final String baseUrl;

    WorkMail(ObjectProvider<JavaMailSender> sender, MessageSource messages, DisclosureSettings settings,
            @Value("${exitwork.disclosure.base-url:http://localhost:8080}") String baseUrl) {
        this.sender = sender;
        this.messages = messages;
        this.settings = settings;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** Sends {@code <key>.subject} and {@code <key>.body} with the link to {@code path} to every address. */
    public void send(List<String> to, String key, String path) {
        JavaMailSender mailSender = sender.getIfAvailable();
        if (mailSender == null || to.isEmpty()) {
            return;
        }
        String link = baseUrl + path;
        String subject = text(key + ".subject", Locale.ENGLISH) + " / " + text(key + ".subject", Locale.GERMAN);
        String body = text(key + ".body", Locale.ENGLISH) + "\n" + link + "\n\n" + text(key + ".body", Locale.GERMAN)
                + "\n" + link + "\n";
        for (String address : to) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(settings.mailFrom());
            message.setTo(address);
            message.setSubject(subject);
            message.setText(body);
            try {
                mailSender.send(message);
            } catch (MailException e) {
                LOG.warn("could not send a reminder e-mail ({}): {}", key, e.getClass().getName());
            }
        }
    }

    private String text(String key, Locale language) {
        return messages.getMessage(key, null, language);
    }
}
