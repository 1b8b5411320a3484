package org.exitwork.safety.internal.clientsafety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency plan of a high-risk case (R15): who calls whom, in what order, with which number and
 * when, and short instructions. Encrypted with the client's key; printable on one page.
 */
@Service
class EmergencyPlans {

    static final String PLAN = "saf_emergency_plan";
    static final String CONTACT = "saf_emergency_contact";

    record Contact(String who, String number, String when) {
    }

    record Plan(CaseReference ref, boolean writable, String instructions, List<Contact> contacts, Instant updatedAt) {

        public boolean exists() {
            return updatedAt != null;
        }
    }

    private final JdbcClient jdbc;
    private final ClientSafetyAccess access;
    private final Clock clock;

    EmergencyPlans(JdbcClient jdbc, ClientSafetyAccess access, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public Plan read(StaffPrincipal who, UUID clientId, boolean forPrint) {
        CaseReference ref = access.forReading(who, clientId, "read emergency plan");
        UUID id = ref.id();
        ClientSafetyAccess.Texts plans = access.texts(ref, PLAN);
        ClientSafetyAccess.Texts contacts = access.texts(ref, CONTACT);
        record Row(String instructions, OffsetDateTime at) {
        }
        Optional<Row> row = jdbc.sql("SELECT instructions, updated_at FROM " + PLAN + " WHERE client_id = ?").param(id)
                .query((rs, n) -> new Row(plans.open(id, "instructions", rs.getBytes(1)),
                        rs.getObject(2, OffsetDateTime.class)))
                .optional();
        List<Contact> list = jdbc.sql("SELECT id, who_text, number_text, when_text FROM " + CONTACT
                + " WHERE client_id = ? ORDER BY position").param(id)
                .query((rs, n) -> {
                    UUID c = rs.getObject(1, UUID.class);
                    return new Contact(contacts.open(c, "who_text", rs.getBytes(2)),
                            contacts.open(c, "number_text", rs.getBytes(3)), contacts.open(c, "when_text", rs.getBytes(4)));
                }).list();
        access.record(who, ClientSafetyActions.EMERGENCY_PLAN_READ, ref,
                (forPrint ? "printable, " : "") + list.size() + " contacts");
        return new Plan(ref, access.inTandem(who, clientId), row.map(Row::instructions).orElse(""), list,
                row.map(r -> r.at().toInstant()).orElse(null));
    }

    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.forTandem(who, clientId, "write emergency plan");
    }

    /** Replaces the plan: the instructions and the contacts in the order given. */
    @Transactional
    public void save(StaffPrincipal who, UUID clientId, String instructions, List<Contact> contacts) {
        CaseReference ref = access.forTandem(who, clientId, "write emergency plan");
        UUID id = ref.id();
        ClientSafetyAccess.Texts plans = access.texts(ref, PLAN);
        ClientSafetyAccess.Texts texts = access.texts(ref, CONTACT);
        jdbc.sql("DELETE FROM " + PLAN + " WHERE client_id = ?").param(id).update();
        jdbc.sql("INSERT INTO " + PLAN + " (client_id, instructions, updated_by, updated_at) VALUES (?, ?, ?, ?)")
                .params(id, plans.seal(id, "instructions", instructions), who.id(), Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("DELETE FROM " + CONTACT + " WHERE client_id = ?").param(id).update();
        int position = 0;
        for (Contact c : contacts) {
            UUID row = UUID.randomUUID();
            jdbc.sql("INSERT INTO " + CONTACT + " (id, client_id, position, who_text, number_text, when_text) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(row, id, position++, texts.seal(row, "who_text", c.who()),
                            texts.seal(row, "number_text", c.number()), texts.seal(row, "when_text", c.when()))
                    .update();
        }
        access.record(who, ClientSafetyActions.EMERGENCY_PLAN_SAVED, ref, contacts.size() + " contacts");
    }
}
