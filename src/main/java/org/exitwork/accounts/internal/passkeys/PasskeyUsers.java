package org.exitwork.accounts.internal.passkeys;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Repository;

/**
 * Which staff member a passkey's user handle stands for ({@code acc_passkey_user}). The handle is
 * random: an authenticator keeps it, so it must not be the staff id or anything else that says who.
 * The name is the user name, the display name the staff member's own.
 */
@Repository
public class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

    private final JdbcClient jdbc;

    PasskeyUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PublicKeyCredentialUserEntity findById(Bytes id) {
        return jdbc.sql("SELECT s.username, s.display_name, u.user_handle FROM acc_passkey_user u "
                + "JOIN acc_staff s ON s.id = u.staff_id WHERE u.user_handle = ?").param(id.toBase64UrlString())
                .query((rs, n) -> entity(rs.getString(1), rs.getString(2), rs.getString(3))).optional().orElse(null);
    }

    @Override
    public PublicKeyCredentialUserEntity findByUsername(String username) {
        return jdbc.sql("SELECT s.username, s.display_name, u.user_handle FROM acc_passkey_user u "
                + "JOIN acc_staff s ON s.id = u.staff_id WHERE s.username = ?").param(username)
                .query((rs, n) -> entity(rs.getString(1), rs.getString(2), rs.getString(3))).optional().orElse(null);
    }

    /**
     * Made the first time a staff member starts registering a passkey. Started in two windows at once, the
     * first made stays (the other insert waits for it and does nothing), and both go on with it, read after.
     */
    @Override
    public void save(PublicKeyCredentialUserEntity entity) {
        UUID staffId = jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(entity.getName())
                .query(UUID.class).optional()
                .orElseThrow(() -> new IllegalStateException("a passkey user for an unknown account"));
        jdbc.sql("INSERT INTO acc_passkey_user (staff_id, user_handle) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(staffId, entity.getId().toBase64UrlString()).update();
    }

    @Override
    public void delete(Bytes id) {
        jdbc.sql("DELETE FROM acc_passkey_user WHERE user_handle = ?").param(id.toBase64UrlString()).update();
    }

    public Optional<UUID> staffOf(Bytes userHandle) {
        return jdbc.sql("SELECT staff_id FROM acc_passkey_user WHERE user_handle = ?")
                .param(userHandle.toBase64UrlString()).query(UUID.class).optional();
    }

    private static PublicKeyCredentialUserEntity entity(String username, String displayName, String handle) {
        return ImmutablePublicKeyCredentialUserEntity.builder().name(username).displayName(displayName)
                .id(Bytes.fromBase64(handle)).build();
    }
}
