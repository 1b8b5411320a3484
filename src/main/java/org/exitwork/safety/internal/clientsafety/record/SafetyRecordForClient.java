package org.exitwork.safety.internal.clientsafety.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.ClientRecordSection.Item;
import org.exitwork.safety.internal.clientsafety.shield.ShieldRepository;
import org.exitwork.safety.internal.clientsafety.threats.ThreatRepository;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's safety record as the client may read it (R19): threat logbook entries with their
 * corrections and the shield plan's measures. Never the shield compartment (relocation, new identity):
 * it is not read here at all. No access check: the disclosure gate has checked that the tandem asks.
 */
@Component
@Order(30)
class SafetyRecordForClient implements ClientRecordPart {

    private final ThreatRepository threatRows;
    private final ShieldRepository shields;
    private final MessageSource messages;

    SafetyRecordForClient(ThreatRepository threatRows, ShieldRepository shields, MessageSource messages) {
        this.threatRows = threatRows;
        this.shields = shields;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        List<ClientRecordSection> sections = new ArrayList<>();
        List<Item> threats = new ArrayList<>();
        Map<UUID, LocalDate> occurredOn = new HashMap<>();
        for (ThreatRepository.EntryRow e : threatRows.entries(client.id())) {
            occurredOn.put(e.id(), e.occurredOn());
            threats.add(new Item(e.occurredOn() + ", " + code("threats.kind.", e.kind().name(), language),
                    text("record.threats.from", language) + ": " + e.fromWhom() + "\n"
                            + text("record.threats.what", language) + ": " + e.whatHappened() + "\n"
                            + text("record.threats.done", language) + ": " + e.whatDone()));
        }
        for (ThreatRepository.CorrectionRow c : threatRows.corrections(client.id())) {
            threats.add(new Item(text("record.threats.correction", language) + " " + occurredOn.get(c.entryId()),
                    c.note()));
        }
        if (!threats.isEmpty()) {
            sections.add(new ClientRecordSection("threat-logbook", text("record.threats", language), threats));
        }
        List<Item> shield = shields.measures(client.id()).stream()
                .map(m -> new Item(code("threats.shield.kind.", m.kind().name(), language),
                        m.description() + " (" + code("threats.shield.status.", m.status().name(), language) + ")"))
                .toList();
        if (!shield.isEmpty()) {
            sections.add(new ClientRecordSection("shield-plan", text("record.shield", language), shield));
        }
        return sections;
    }

    private String text(String key, Locale language) {
        return messages.getMessage(key, null, key, language);
    }

    private String code(String prefix, String code, Locale language) {
        return messages.getMessage(prefix + code, null, code, language);
    }
}
