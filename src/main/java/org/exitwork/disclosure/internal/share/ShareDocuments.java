package org.exitwork.disclosure.internal.share;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.accounts.Organisations;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.Download;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a share carries (R9): the payload written once, in the language chosen, and recorded as the
 * disclosure's content; every document (JSON or PDF) is rendered from that recorded payload, so it
 * says nothing the record does not.
 */
@Component
class ShareDocuments {

    private final DisclosureLog log;
    private final MessageSource messages;
    private final SharePdf pdf;
    private final Organisations organisations;

    ShareDocuments(DisclosureLog log, MessageSource messages, SharePdf pdf, Organisations organisations) {
        this.log = log;
        this.messages = messages;
        this.pdf = pdf;
        this.organisations = organisations;
    }

    /**
     * The payload's JSON: the organisation that sends it with its contact as of today; the pseudonym,
     * never a name; the texts as written for each kind; the notice.
     */
    String payload(UUID organisationId, Map<DataKind, String> texts, Locale language, LocalDate date,
            String pseudonym, String partner, String purpose) {
        List<SharePayload.Item> items = texts.keySet().stream().sorted().map(k -> new SharePayload.Item(k.name(),
                message("shares.kind." + k.name(), language), texts.get(k).strip())).toList();
        return new SharePayload(SharePayload.FORMAT, language.getLanguage(), date.toString(),
                organisations.contact(organisationId), pseudonym, partner, purpose, items,
                message("shares.notice.redisclosure", language)).json();
    }

    /** The share exactly as it went out, read back from the disclosure log. */
    Download document(ShareRepository.Stored share) {
        String content = log.content(share.orgId(), share.clientId(), share.disclosureId());
        String name = "share-" + share.sharedAt().toString().substring(0, 10) + "-"
                + share.id().toString().substring(0, 8);
        if (share.form() == Shares.Form.JSON) {
            return new Download(name + ".json", "application/json", content.getBytes(StandardCharsets.UTF_8));
        }
        SharePayload payload = SharePayload.parse(content);
        // Shares recorded before the payload named its sender are printed with the organisation's contact of today.
        OrganisationContact sender = payload.from() != null ? payload.from() : organisations.contact(share.orgId());
        return new Download(name + ".pdf", "application/pdf", pdf.render(payload, sender));
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
