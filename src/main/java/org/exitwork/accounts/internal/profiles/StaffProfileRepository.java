package org.exitwork.accounts.internal.profiles;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffProfile;
import org.exitwork.accounts.StaffProfile.Background;
import org.exitwork.accounts.StaffProfile.Gender;
import org.exitwork.keys.FieldCipher.RowCipher;
import org.exitwork.keys.SystemSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code acc_staff_profile} and {@code acc_staff_background}; social background and languages are
 * encrypted with the system key, bound to the staff member's row.
 */
@Repository
class StaffProfileRepository {

    private static final String TABLE = "acc_staff_profile";

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;

    StaffProfileRepository(JdbcClient jdbc, SystemSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    private record Row(UUID staffId, String gender, byte[] socialBackground, byte[] languages) {
    }

    private RowCipher row(UUID staffId) {
        return secrets.cipher().row(TABLE, staffId);
    }

    void save(UUID id, StaffProfile profile, Instant at) {
        RowCipher row = row(id);
        byte[] social = row.seal("social_background", profile.socialBackground());
        byte[] languages = row.seal("languages", profile.languages());
        String gender = profile.gender() == null ? null : profile.gender().name();
        Timestamp now = Timestamp.from(at);
        int updated = jdbc.sql("UPDATE " + TABLE + " SET gender = ?, social_background = ?, languages = ?, "
                + "updated_at = ? WHERE staff_id = ?").params(gender, social, languages, now, id).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO " + TABLE + " (staff_id, gender, social_background, languages, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?)").params(id, gender, social, languages, now).update();
        }
        jdbc.sql("DELETE FROM acc_staff_background WHERE staff_id = ?").param(id).update();
        for (Background background : profile.backgrounds()) {
            jdbc.sql("INSERT INTO acc_staff_background (staff_id, background) VALUES (?, ?)")
                    .params(id, background.name()).update();
        }
    }

    /**
     * Whether the organisation has active practitioners and each has a gender (which may be "prefer not to
     * say") and a professional background: plaintext columns only, nothing decrypted, no row per practitioner
     * read into the application (the set-up checklist on the managers' overview).
     */
    boolean everyPractitionerDescribed(UUID organisationId) {
        String practitioners = "FROM acc_staff s WHERE s.org_id = ? AND s.role = 'PRACTITIONER' AND s.active = TRUE";
        return !jdbc.sql("SELECT s.id " + practitioners + " FETCH FIRST 1 ROWS ONLY").param(organisationId)
                .query(UUID.class).list().isEmpty()
                && jdbc.sql("SELECT s.id " + practitioners + " AND NOT (EXISTS (SELECT 1 FROM " + TABLE
                        + " p WHERE p.staff_id = s.id AND p.gender IS NOT NULL) AND EXISTS (SELECT 1 FROM"
                        + " acc_staff_background b WHERE b.staff_id = s.id)) FETCH FIRST 1 ROWS ONLY")
                        .param(organisationId).query(UUID.class).list().isEmpty();
    }

    /** The profiles of those of {@code staffIds} who belong to the organisation; an empty one where none was kept. */
    Map<UUID, StaffProfile> profiles(UUID organisationId, Collection<UUID> staffIds) {
        Map<UUID, StaffProfile> found = new HashMap<>();
        if (staffIds.isEmpty()) {
            return found;
        }
        List<UUID> ofOrganisation = jdbc.sql("SELECT id FROM acc_staff WHERE org_id = :org AND id IN (:ids)")
                .param("org", organisationId).param("ids", staffIds).query(UUID.class).list();
        if (ofOrganisation.isEmpty()) {
            return found;
        }
        Map<UUID, Row> rows = new HashMap<>();
        jdbc.sql("SELECT staff_id, gender, social_background, languages FROM " + TABLE + " WHERE staff_id IN (:ids)")
                .param("ids", ofOrganisation)
                .query((rs, n) -> new Row(rs.getObject("staff_id", UUID.class), rs.getString("gender"),
                        rs.getBytes("social_background"), rs.getBytes("languages")))
                .list().forEach(r -> rows.put(r.staffId(), r));
        Map<UUID, Set<Background>> backgrounds = new HashMap<>();
        jdbc.sql("SELECT staff_id, background FROM acc_staff_background WHERE staff_id IN (:ids)")
                .param("ids", ofOrganisation)
                .query(rs -> {
                    backgrounds.computeIfAbsent(rs.getObject("staff_id", UUID.class),
                            k -> EnumSet.noneOf(Background.class)).add(Background.valueOf(rs.getString("background")));
                });
        for (UUID id : ofOrganisation) {
            Row stored = rows.get(id);
            if (stored == null) {
                found.put(id, StaffProfile.empty(id));
                continue;
            }
            RowCipher row = row(id);
            found.put(id, new StaffProfile(id, stored.gender() == null ? null : Gender.valueOf(stored.gender()),
                    backgrounds.getOrDefault(id, Set.of()), row.open("social_background", stored.socialBackground()),
                    row.open("languages", stored.languages())));
        }
        return found;
    }
}
