package org.exitwork.safety.internal.clientsafety.emergency;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.ClientKeys;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess.Texts;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.exitwork.safety.internal.clientsafety.emergency.EmergencyPlans.Contact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The emergency plan ({@code saf_emergency_plan}, one row per client) and its contacts
 * ({@code saf_emergency_contact}); every text encrypted with the client's key, bound to table, row and column.
 */
@Repository
class EmergencyPlanRepository {

    static final String PLAN = "saf_emergency_plan";
    static final String CONTACT = "saf_emergency_contact";

    /** The stored instructions, when they were saved, and the version the saves have reached. */
    record StoredPlan(String instructions, Instant updatedAt, int version) {
    }

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    EmergencyPlanRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    Optional<StoredPlan> plan(UUID id) {
        Texts plans = Texts.of(keys, id, PLAN);
        return jdbc.sql("SELECT instructions, updated_at, version FROM " + PLAN + " WHERE client_id = ?").param(id)
                .query((rs, n) -> new StoredPlan(plans.open(id, "instructions", rs.getBytes(1)),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getInt(3)))
                .optional();
    }

    /** The contacts in the order they are to be called. */
    List<Contact> contacts(UUID id) {
        Texts contacts = Texts.of(keys, id, CONTACT);
        return jdbc.sql("SELECT id, who_text, number_text, when_text FROM " + CONTACT
                + " WHERE client_id = ? ORDER BY position").param(id)
                .query((rs, n) -> {
                    UUID c = rs.getObject(1, UUID.class);
                    return new Contact(contacts.open(c, "who_text", rs.getBytes(2)),
                            contacts.open(c, "number_text", rs.getBytes(3)), contacts.open(c, "when_text", rs.getBytes(4)));
                }).list();
    }

    /**
     * Replaces the client's instructions and every contact, if the plan is still at {@code basedOn} (0: no
     * plan yet). The first save inserts the row, so two first saves at once leave one with a duplicate key
     * ({@link org.springframework.dao.DuplicateKeyException}); later saves update only the version they
     * were based on, which also locks the row, so the contacts are replaced by one save after the other.
     * @return false when the plan has moved on from {@code basedOn}; nothing is changed then
     */
    boolean replace(UUID id, int basedOn, String instructions, List<Contact> contacts, UUID by, Instant at) {
        Texts plans = Texts.of(keys, id, PLAN);
        Texts texts = Texts.of(keys, id, CONTACT);
        byte[] sealed = plans.seal(id, "instructions", instructions);
        if (basedOn == 0) {
            jdbc.sql("INSERT INTO " + PLAN + " (client_id, instructions, updated_by, updated_at, version) VALUES (?, ?, ?, ?, 1)")
                    .params(id, sealed, by, Timestamp.from(at)).update();
        } else if (jdbc.sql("UPDATE " + PLAN + " SET instructions = ?, updated_by = ?, updated_at = ?, version = version + 1 "
                + "WHERE client_id = ? AND version = ?").params(sealed, by, Timestamp.from(at), id, basedOn).update() == 0) {
            return false;
        }
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
        return true;
    }
}
