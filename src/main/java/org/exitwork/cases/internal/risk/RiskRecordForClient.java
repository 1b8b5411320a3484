package org.exitwork.cases.internal.risk;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.ClientRecordSection.Item;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The client's report (R19) shows when their case was marked high-risk and cleared, and why (the code). */
@Component
@Order(12)
class RiskRecordForClient implements ClientRecordPart {

    private final RiskRepository rows;
    private final MessageSource messages;

    RiskRecordForClient(RiskRepository rows, MessageSource messages) {
        this.rows = rows;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        List<Item> items = rows.marks(client.id()).stream()
                .map(m -> new Item(LocalDate.ofInstant(m.markedAt(), ZoneId.systemDefault()).toString(),
                        messages.getMessage(m.marked() ? "record.high-risk.marked" : "record.high-risk.cleared",
                                new Object[] {messages.getMessage("risk.reason." + m.reason(), null, language)},
                                language)))
                .toList();
        return items.isEmpty() ? List.of()
                : List.of(new ClientRecordSection("high-risk", messages.getMessage("record.high-risk", null, language),
                        items));
    }
}
