package org.exitwork.disclosure.internal.share;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The client's own report (R19): every share made under their consents: when, to whom, why, which kinds. */
@Component
class SharesInClientRecord implements ClientRecordPart {

    private final Shares shares;
    private final MessageSource messages;
    private final Clock clock;

    SharesInClientRecord(Shares shares, MessageSource messages, Clock clock) {
        this.shares = shares;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        var list = shares.sharesOf(client);
        if (list.isEmpty()) {
            return List.of();
        }
        List<ClientRecordSection.Item> items = list.stream().map(d -> new ClientRecordSection.Item(
                d.disclosedAt().atZone(clock.getZone()).toLocalDate().toString(),
                messages.getMessage("shares.record.item", new Object[] {d.recipient(),
                        d.purpose() == null ? "" : d.purpose(),
                        d.what().stream().map(k -> messages.getMessage("shares.kind." + k, null, k, language))
                                .collect(Collectors.joining(", "))}, language))).toList();
        return List.of(new ClientRecordSection("shares", messages.getMessage("shares.record.title", null, language),
                items));
    }
}
