package org.exitwork.accounts.internal.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    private static final String COLUMNS = "id, org_id, username, display_name, role, password_hash, "
            + "must_change_password, totp_secret, totp_enrolled, totp_last_step, failed_attempts, locked_until, active";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean anyAccountExists() {
        return jdbc.sql("SELECT COUNT(*) FROM acc_installation").query(Long.class).single() > 0
                || jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single() > 0;
    }

    /**
     * Claims the one-time first-run set-up; false when it was claimed before. Two claims at the
     * same instant meet the primary key: the loser's transaction fails as a whole.
     */
    public boolean claimInstallation(Instant now) {
        return jdbc.sql("INSERT INTO acc_installation (id, set_up_at) SELECT 1, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM acc_installation)").param(Timestamp.from(now)).update() == 1;
    }

    public void insertOrganisation(UUID id, String name, Instant now) {
        jdbc.sql("INSERT INTO acc_organisation (id, name, created_at) VALUES (?, ?, ?)")
                .params(id, name, Timestamp.from(now)).update();
    }

    public Optional<String> organisationName(UUID id) {
        return jdbc.sql("SELECT name FROM acc_organisation WHERE id = ?").param(id).query(String.class).optional();
    }

    public void insert(Account a, Instant now) {
        jdbc.sql("INSERT INTO acc_staff (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.organisationId(), a.username(), a.displayName(), a.role().name(), a.passwordHash(),
                        a.mustChangePassword(), a.totpSecret(), a.totpEnrolled(), a.totpLastStep(), a.failedAttempts(),
                        a.lockedUntil() == null ? null : Timestamp.from(a.lockedUntil()), a.active(), Timestamp.from(now))
                .update();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM acc_staff WHERE username = ?").param(username).query(Long.class).single() > 0;
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE username = ?").param(username)
                .query(AccountRepository::map).optional();
    }

    public Optional<Account> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE id = ?").param(id)
                .query(AccountRepository::map).optional();
    }

    public Optional<Account> byIdForUpdate(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE id = ? FOR UPDATE").param(id)
                .query(AccountRepository::map).optional();
    }

    public Optional<Account> inOrganisation(UUID organisationId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE org_id = ? AND id = ?").params(organisationId, id)
                .query(AccountRepository::map).optional();
    }

    public List<Account> ofOrganisation(UUID organisationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE org_id = ? ORDER BY display_name, username")
                .param(organisationId).query(AccountRepository::map).list();
    }

    /**
     * One page of the organisation's accounts by display name and user name (unique): the {@code limit}
     * after the account {@code after}, or before the account {@code before} read backwards; of one role
     * when given. Keyset on acc_staff_list (V1_61_2), no OFFSET; a cursor of another organisation matches
     * nothing, so the page is empty.
     */
    public List<Account> page(UUID organisationId, String role, UUID after, UUID before, int limit) {
        return page(organisationId, role, false, after, before, limit);
    }

    /** As {@link #page(UUID, String, UUID, UUID, int)}, of active accounts only when {@code activeOnly}. */
    public List<Account> page(UUID organisationId, String role, boolean activeOnly, UUID after, UUID before, int limit) {
        boolean backwards = after == null && before != null;
        UUID cursor = backwards ? before : after;
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS.replaceAll("(\\w+)", "s.$1") + " FROM acc_staff s");
        List<Object> params = new java.util.ArrayList<>();
        if (cursor != null) {
            sql.append(" JOIN acc_staff k ON k.id = ? AND k.org_id = s.org_id");
            params.add(cursor);
        }
        sql.append(" WHERE s.org_id = ?");
        params.add(organisationId);
        if (role != null) {
            sql.append(" AND s.role = ?");
            params.add(role);
        }
        if (activeOnly) {
            sql.append(" AND s.active");
        }
        if (cursor != null) {
            String op = backwards ? "<" : ">";
            sql.append(" AND (s.display_name " + op + " k.display_name OR (s.display_name = k.display_name AND s.username "
                    + op + " k.username))");
        }
        sql.append(backwards ? " ORDER BY s.display_name DESC, s.username DESC" : " ORDER BY s.display_name, s.username")
                .append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AccountRepository::map).list();
    }

    /** The accounts that may attend, be on duty and see the board: active practitioners and managers. */
    private static final String TEAM = " AND active = TRUE AND role IN ('PRACTITIONER', 'MANAGER')";

    /**
     * The first {@code limit} active practitioners and managers of the organisation by display name and user
     * name: read in the order of acc_staff_list (V1_61_2), so that it stops after about {@code limit} rows however
     * large the organisation.
     */
    public List<Account> team(UUID organisationId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE org_id = ?" + TEAM
                + " ORDER BY display_name, username FETCH FIRST ? ROWS ONLY")
                .params(organisationId, limit).query(AccountRepository::map).list();
    }

    /** The active practitioners and managers among {@code ids}; ids of another organisation match nothing. */
    public List<Account> teamByIds(UUID organisationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE org_id = :org AND id IN (:ids)"
                + TEAM).param("org", organisationId).param("ids", List.copyOf(ids))
                .query(AccountRepository::map).list();
    }

    /**
     * At most {@code limit} active practitioners and managers whose display name contains {@code text} (letter
     * case ignored), by display name and user name.
     */
    public List<Account> teamNamed(UUID organisationId, String text, int limit) {
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE org_id = ?" + TEAM
                + " AND LOWER(display_name) LIKE ? ESCAPE '\\' ORDER BY display_name, username FETCH FIRST ? ROWS ONLY")
                .params(organisationId, pattern, limit).query(AccountRepository::map).list();
    }

    /** The display names of {@code ids} (two columns, not the whole account); ids of another organisation match nothing. */
    public java.util.Map<UUID, String> displayNames(UUID organisationId, Collection<UUID> ids) {
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, display_name FROM acc_staff WHERE org_id = :org AND id IN (:ids)")
                .param("org", organisationId).param("ids", List.copyOf(ids))
                .query((rs, n) -> names.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return names;
    }

    public List<Account> byIds(UUID organisationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM acc_staff WHERE org_id = :org AND id IN (:ids)")
                .param("org", organisationId).param("ids", ids).query(AccountRepository::map).list();
    }

    public void recordFailure(UUID id, int failedAttempts, Instant lockedUntil) {
        jdbc.sql("UPDATE acc_staff SET failed_attempts = ?, locked_until = ? WHERE id = ?")
                .params(failedAttempts, lockedUntil == null ? null : Timestamp.from(lockedUntil), id).update();
    }

    public void clearFailures(UUID id) {
        jdbc.sql("UPDATE acc_staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?").param(id).update();
    }

    public void setPassword(UUID id, String hash, boolean mustChange) {
        jdbc.sql("UPDATE acc_staff SET password_hash = ?, must_change_password = ? WHERE id = ?")
                .params(hash, mustChange, id).update();
    }

    public void setPendingTotpSecret(UUID id, byte[] encryptedSecret) {
        jdbc.sql("UPDATE acc_staff SET totp_secret = ?, totp_enrolled = FALSE, totp_last_step = NULL WHERE id = ?")
                .params(encryptedSecret, id).update();
    }

    public void confirmTotp(UUID id, long step) {
        jdbc.sql("UPDATE acc_staff SET totp_enrolled = TRUE, totp_last_step = ? WHERE id = ?").params(step, id).update();
    }

    public void useTotpStep(UUID id, long step) {
        jdbc.sql("UPDATE acc_staff SET totp_last_step = ? WHERE id = ?").params(step, id).update();
    }

    public void resetSecondFactor(UUID id) {
        jdbc.sql("UPDATE acc_staff SET totp_secret = NULL, totp_enrolled = FALSE, totp_last_step = NULL WHERE id = ?")
                .param(id).update();
        jdbc.sql("DELETE FROM acc_recovery_code WHERE staff_id = ?").param(id).update();
    }

    public void setActive(UUID id, boolean active) {
        jdbc.sql("UPDATE acc_staff SET active = ? WHERE id = ?").params(active, id).update();
    }

    public void replaceRecoveryCodes(UUID id, List<String> hashes) {
        jdbc.sql("DELETE FROM acc_recovery_code WHERE staff_id = ?").param(id).update();
        for (String hash : hashes) {
            jdbc.sql("INSERT INTO acc_recovery_code (staff_id, code_hash) VALUES (?, ?)").params(id, hash).update();
        }
    }

    /** Marks an unused recovery code as used; false when there is no such unused code. */
    public boolean useRecoveryCode(UUID id, String hash, Instant now) {
        return jdbc.sql("UPDATE acc_recovery_code SET used_at = ? WHERE staff_id = ? AND code_hash = ? AND used_at IS NULL")
                .params(Timestamp.from(now), id, hash).update() == 1;
    }

    public int unusedRecoveryCodes(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM acc_recovery_code WHERE staff_id = ? AND used_at IS NULL").param(id)
                .query(Integer.class).single();
    }

    /** Failed attempts since the holder last signed in, and the latest; nothing when there were none. */
    public record FailedAttempts(int count, Instant latest) {
    }

    /** One more failed attempt on the account since its last sign-in (no row for an id nobody has). */
    public void countFailedAttempt(UUID id, Instant now) {
        jdbc.sql("UPDATE acc_staff SET failed_since_sign_in = failed_since_sign_in + 1, last_failed_at = ? WHERE id = ?")
                .params(Timestamp.from(now), id).update();
    }

    public Optional<FailedAttempts> failedAttemptsSinceSignIn(UUID id) {
        return jdbc.sql("SELECT failed_since_sign_in, last_failed_at FROM acc_staff WHERE id = ? "
                + "AND failed_since_sign_in > 0").param(id)
                .query((rs, n) -> new FailedAttempts(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    public void clearFailedAttemptsSinceSignIn(UUID id) {
        jdbc.sql("UPDATE acc_staff SET failed_since_sign_in = 0, last_failed_at = NULL WHERE id = ?").param(id).update();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        long step = rs.getLong("totp_last_step");
        Long lastStep = rs.wasNull() ? null : step;
        return new Account(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("username"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getString("password_hash"),
                rs.getBoolean("must_change_password"), rs.getBytes("totp_secret"), rs.getBoolean("totp_enrolled"),
                lastStep, rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant(),
                rs.getBoolean("active"));
    }
}
