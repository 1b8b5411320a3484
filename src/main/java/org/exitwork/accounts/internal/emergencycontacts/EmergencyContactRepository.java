package org.exitwork.accounts.internal.emergencycontacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.internal.emergencycontacts.EmergencyContacts.EmergencyContact;
import org.exitwork.keys.FieldCipher.RowCipher;
import org.exitwork.keys.SystemSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code acc_emergency_contact}: name, relation and phone encrypted with the system key, bound to the row. */
@Repository
class EmergencyContactRepository {

    static final String TABLE = "acc_emergency_contact";

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    EmergencyContactRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    private RowCipher row(UUID id) {
        return secrets.cipher().row(TABLE, id);
    }

    void insert(UUID id, UUID staffId, UUID org, String name, String relation, String phone, Instant now) {
        RowCipher row = row(id);
        jdbc.sql("INSERT INTO " + TABLE + " (id, staff_id, org_id, name, relation, phone, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, staffId, org, row.seal("name", name), row.seal("relation", relation),
                        row.seal("phone", phone), Timestamp.from(now))
                .update();
    }

    /** @return whether a contact of that staff member was there to delete */
    boolean delete(UUID id, UUID staffId, UUID org) {
        return jdbc.sql("DELETE FROM " + TABLE + " WHERE id = ? AND staff_id = ? AND org_id = ?")
                .params(id, staffId, org).update() > 0;
    }

    List<EmergencyContact> ofStaff(UUID staffId, UUID org) {
        return contacts("WHERE staff_id = ? AND org_id = ?", staffId, org);
    }

    List<EmergencyContact> ofOrganisation(UUID org) {
        return contacts("WHERE org_id = ?", org);
    }

    private List<EmergencyContact> contacts(String where, Object... params) {
        record Stored(UUID id, UUID staffId, byte[] name, byte[] relation, byte[] phone) {
        }
        List<Stored> rows = jdbc.sql("SELECT id, staff_id, name, relation, phone FROM " + TABLE + " " + where
                + " ORDER BY created_at, id")
                .params(params)
                .query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class),
                        rs.getBytes("name"), rs.getBytes("relation"), rs.getBytes("phone")))
                .list();
        return rows.stream().map(r -> {
            RowCipher row = row(r.id());
            return new EmergencyContact(r.id(), r.staffId(), row.open("name", r.name()),
                    row.open("relation", r.relation()), row.open("phone", r.phone()));
        }).toList();
    }
}
