package org.exitwork.accounts.internal.profiles;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.StaffProfile;
import org.exitwork.accounts.StaffProfile.Background;
import org.exitwork.accounts.StaffProfile.Gender;
import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff profiles (R2): each staff member keeps their own; the cases module reads them only to say
 * how a tandem differs. The free texts are encrypted with the system key, since social background
 * can reveal ethnic origin.
 */
@Service
public class StaffProfiles {

    private static final String TABLE = "acc_staff_profile";

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final AuditLog audit;
    private final Clock clock;

    StaffProfiles(JdbcClient jdbc, SystemSecrets secrets, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    private record Row(UUID staffId, String gender, byte[] socialBackground, byte[] languages) {
    }

    @Transactional(readOnly = true)
    public StaffProfile own(StaffPrincipal who) {
        return profiles(who.organisationId(), List.of(who.id())).getOrDefault(who.id(), StaffProfile.empty(who.id()));
    }

    /** Changes the signed-in person's own profile; nobody edits another's. Audited without any value. */
    @Transactional
    public void update(StaffPrincipal who, StaffProfile profile) {
        UUID id = who.id();
        FieldCipher cipher = secrets.cipher();
        byte[] social = cipher.encrypt(ref(id, "social_background"), profile.socialBackground());
        byte[] languages = cipher.encrypt(ref(id, "languages"), profile.languages());
        String gender = profile.gender() == null ? null : profile.gender().name();
        Timestamp now = Timestamp.from(clock.instant());
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
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), AccountActions.PROFILE_UPDATED,
                who.username(), null));
    }

    @Transactional(readOnly = true)
    public Map<UUID, StaffProfile> profiles(UUID organisationId, Collection<UUID> staffIds) {
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
        FieldCipher cipher = rows.isEmpty() ? null : secrets.cipher();
        for (UUID id : ofOrganisation) {
            Row row = rows.get(id);
            found.put(id, row == null ? StaffProfile.empty(id)
                    : new StaffProfile(id, row.gender() == null ? null : Gender.valueOf(row.gender()),
                            backgrounds.getOrDefault(id, Set.of()),
                            cipher.decrypt(ref(id, "social_background"), row.socialBackground()),
                            cipher.decrypt(ref(id, "languages"), row.languages())));
        }
        return found;
    }

    private static FieldRef ref(UUID staffId, String field) {
        return FieldRef.of(TABLE, staffId, field);
    }
}
