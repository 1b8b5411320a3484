package org.exitwork.safety.internal.clientsafety;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.ClientRecordSection.Item;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final ClientSafetyAccess access;
    private final MessageSource messages;

    SafetyRecordForClient(JdbcClient jdbc, ClientSafetyAccess access, MessageSource messages) {
        this.jdbc = jdbc;
        this.access = access;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        List<ClientRecordSection> sections = new ArrayList<>();
        ClientSafetyAccess.Texts entries = access.texts(client, ThreatLogbook.ENTRY);
        ClientSafetyAccess.Texts corrections = access.texts(client, ThreatLogbook.CORRECTION);
        List<Item> threats = new ArrayList<>();
        jdbc.sql("SELECT id, occurred_on, kind, from_whom, what_happened, what_done FROM " + ThreatLogbook.ENTRY
                + " WHERE client_id = ? ORDER BY occurred_on DESC, recorded_at DESC").param(client.id())
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new Item(rs.getObject(2, LocalDate.class) + ", "
                            + code("threats.kind.", rs.getString(3), language),
                            text("record.threats.from", language) + ": " + entries.open(id, "from_whom", rs.getBytes(4))
                                    + "\n" + text("record.threats.what", language) + ": "
                                    + entries.open(id, "what_happened", rs.getBytes(5)) + "\n"
                                    + text("record.threats.done", language) + ": "
                                    + entries.open(id, "what_done", rs.getBytes(6)));
                }).list().forEach(threats::add);
        jdbc.sql("SELECT c.id, e.occurred_on, c.note FROM " + ThreatLogbook.CORRECTION + " c JOIN "
                + ThreatLogbook.ENTRY + " e ON e.id = c.entry_id WHERE c.client_id = ? ORDER BY c.recorded_at, c.id")
                .param(client.id())
                .query((rs, n) -> new Item(text("record.threats.correction", language) + " " + rs.getObject(2,
                        LocalDate.class), corrections.open(rs.getObject(1, UUID.class), "note", rs.getBytes(3))))
                .list().forEach(threats::add);
        if (!threats.isEmpty()) {
            sections.add(new ClientRecordSection("threat-logbook", text("record.threats", language), threats));
        }
        ClientSafetyAccess.Texts measures = access.texts(client, ShieldPlans.MEASURE);
        List<Item> shield = jdbc.sql("SELECT id, kind, description, status FROM " + ShieldPlans.MEASURE
                + " WHERE client_id = ? ORDER BY position").param(client.id())
                .query((rs, n) -> new Item(code("threats.shield.kind.", rs.getString(2), language),
                        measures.open(rs.getObject(1, UUID.class), "description", rs.getBytes(3)) + " ("
                                + code("threats.shield.status.", rs.getString(4), language) + ")"))
                .list();
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
