package org.exitwork.disclosure.internal.servicerequest;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.Organisations;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.network.Need;
import org.exitwork.platform.PdfDocuments;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The payload of a service request, written once in the language chosen and recorded as the
 * disclosure's content, and the PDF rendered from that recorded payload, so no document says
 * anything the record does not (R9, R11). The PDF goes through the platform's {@link PdfDocuments}.
 */
@Component
class RequestDocuments {

    private final DisclosureLog log;
    private final MessageSource messages;
    private final PdfDocuments pdf;
    private final Organisations organisations;

    RequestDocuments(DisclosureLog log, MessageSource messages, PdfDocuments pdf, Organisations organisations) {
        this.log = log;
        this.messages = messages;
        this.pdf = pdf;
        this.organisations = organisations;
    }

    String payload(UUID organisationId, Need need, Map<DataKind, String> texts, Locale language, LocalDate date,
            LocalDate answerBy, String pseudonym, String partner, String purpose) {
        List<RequestPayload.Item> items = texts.keySet().stream().sorted().map(k -> new RequestPayload.Item(k.name(),
                message("shares.kind." + k.name(), language), texts.get(k).strip())).toList();
        return new RequestPayload(RequestPayload.FORMAT, language.getLanguage(), date.toString(),
                organisations.contact(organisationId), pseudonym, partner, need.name(),
                message("network.need." + need.name(), language), purpose, answerBy.toString(), items,
                message("shares.notice.redisclosure", language)).json();
    }

    /** The request exactly as it went out, read back from the disclosure log. */
    RequestPayload recorded(ServiceRequestRepository.Stored request) {
        return RequestPayload.parse(log.content(request.orgId(), request.clientId(), request.disclosureId()));
    }

    byte[] pdf(RequestPayload payload) {
        return pdf.render("disclosure/service-request-pdf", Locale.forLanguageTag(payload.language()),
                Map.of("request", payload, "sender", payload.from(), "date", LocalDate.parse(payload.date()),
                        "answerBy", LocalDate.parse(payload.answerBy())));
    }

    static String filename(ServiceRequestRepository.Stored request) {
        return "service-request-" + request.requestedAt().toString().substring(0, 10) + "-"
                + request.id().toString().substring(0, 8) + ".pdf";
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
