package org.exitwork.disclosure.internal.alert;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.accounts.Organisations;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.platform.DateFormats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Exactly what a danger alert says (R8): who sends it (the organisation and how to reach it), its own
 * fields and the identity fields chosen one by one, nothing else; there is no way to add notes,
 * assessments or the work agreement.
 */
@Component
class AlertContent {

    private final MessageSource messages;
    private final Organisations organisations;
    private final DateFormats dates;

    AlertContent(MessageSource messages, Organisations organisations, DateFormats dates) {
        this.messages = messages;
        this.organisations = organisations;
        this.dates = dates;
    }

    /** {@code identity} may be null only when no field is chosen. */
    String write(UUID id, UUID organisationId, DangerAlerts.NewAlert alert, Set<IdentityField> fields,
            ClientIdentity identity, Locale language) {
        StringBuilder text = new StringBuilder();
        text.append(text("dangeralerts.content.heading", language, id)).append("\n");
        sender(text, organisations.contact(organisationId), language);
        text.append('\n');
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
                case DATE_OF_BIRTH -> identity.dateOfBirth() == null ? null
                        : dates.date(identity.dateOfBirth(), language);
                case CONTACT -> identity.contact();
                case ALIASES -> identity.aliases();
            };
            text.append(text("dangeralerts.field." + field, language)).append(": ")
                    .append(value == null || value.isBlank() ? "-" : value).append('\n');
        }
        text.append('\n').append(text("dangeralerts.content.footer", language)).append('\n');
        return text.toString();
    }

    /** The sender, as on every document that leaves: the organisation, its address, e-mail and telephone. */
    private void sender(StringBuilder text, OrganisationContact sender, Locale language) {
        text.append(text("dangeralerts.content.from", language, sender.name())).append('\n');
        if (!sender.addressLines().isEmpty()) {
            text.append(String.join(", ", sender.addressLines())).append('\n');
        }
        if (sender.email() != null) {
            text.append(text("sender.email", language, sender.email())).append('\n');
        }
        if (sender.telephone() != null) {
            text.append(text("sender.telephone", language, sender.telephone())).append('\n');
        }
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }
}
