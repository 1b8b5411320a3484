package org.exitwork.consent.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.ClientRecordSection.Item;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The client's consents to share as the client may read them (R19): partner, purpose, kinds of data,
 * dates, revocation. No access check: the disclosure gate has checked that the tandem asks.
 */
@Component
@Order(20)
class ConsentRecordForClient implements ClientRecordPart {

    private final Consents consents;
    private final MessageSource messages;

    ConsentRecordForClient(Consents consents, MessageSource messages) {
        this.consents = consents;
        this.messages = messages;
    }

    @Override
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        List<Item> items = consents.forClientRecord(client).stream().map(c -> new Item(c.partnerName(),
                text("record.consents.purpose", language) + ": " + c.purpose() + "\n"
                        + text("record.consents.kinds", language) + ": "
                        + c.kinds().stream().map(k -> code("consents.kind." + k.name(), k.name(), language))
                                .collect(Collectors.joining(", "))
                        + "\n" + text("record.consents.valid", language) + ": " + c.validFrom() + " - " + c.validUntil()
                        + "\n" + text("record.consents.informed", language) + ": "
                        + code("consents.informed." + c.informedHow().name(), c.informedHow().name(), language)
                        + (c.revokedOn() == null ? ""
                                : "\n" + text("record.consents.revoked", language) + ": " + c.revokedOn())
                        + (c.usable() ? ""
                                : "\n" + text("record.consents.unusable", language) + ": "
                                        + text("outbound.refusal." + c.unusable().name(), language))))
                .toList();
        return items.isEmpty() ? List.of()
                : List.of(new ClientRecordSection("consents-to-share", text("record.consents", language), items));
    }

    private String text(String key, Locale language) {
        return messages.getMessage(key, null, key, language);
    }

    private String code(String key, String code, Locale language) {
        return messages.getMessage(key, null, code, language);
    }
}
