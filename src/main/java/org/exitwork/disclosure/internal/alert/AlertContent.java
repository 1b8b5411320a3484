package org.exitwork.disclosure.internal.alert;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.ClientIdentity;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Exactly what a danger alert says (R8): its own fields and the identity fields chosen one by one,
 * nothing else; there is no way to add notes, assessments or the work agreement.
 */
@Component
class AlertContent {

    private final MessageSource messages;

    AlertContent(MessageSource messages) {
        this.messages = messages;
    }

    /** {@code identity} may be null only when no field is chosen. */
    String write(UUID id, DangerAlerts.NewAlert alert, Set<IdentityField> fields, ClientIdentity identity,
            Locale language) {
        StringBuilder text = new StringBuilder();
        text.append(text("dangeralerts.content.heading", language, id)).append("\n\n");
        text.append(text("dangeralerts.kind", language)).append(": ")
                .append(text("dangeralerts.kind." + alert.kind(), language)).append('\n');
        text.append(text("dangeralerts.danger", language)).append(": ").append(alert.danger().strip()).append('\n');
        text.append(text("dangeralerts.at-risk", language)).append(": ").append(alert.atRisk().strip()).append('\n');
        text.append(text("dangeralerts.how-soon", language)).append(": ").append(alert.howSoon().strip()).append("\n\n");
        text.append(text("dangeralerts.content.identity", language)).append('\n');
        if (fields.isEmpty()) {
            text.append(text("dangeralerts.content.no-identity", language)).append('\n');
        }
        for (IdentityField field : fields) {
            String value = switch (field) {
                case FULL_NAME -> identity.fullName();
                case DATE_OF_BIRTH -> identity.dateOfBirth() == null ? null : identity.dateOfBirth().toString();
                case CONTACT -> identity.contact();
                case ALIASES -> identity.aliases();
            };
            text.append(text("dangeralerts.field." + field, language)).append(": ")
                    .append(value == null || value.isBlank() ? "-" : value).append('\n');
        }
        text.append('\n').append(text("dangeralerts.content.footer", language)).append('\n');
        return text.toString();
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }
}
