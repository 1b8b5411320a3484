package org.exitwork.accounts.internal.passkeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;

/**
 * The passkeys in {@code acc_passkey}, for Spring Security's relying party. Spring's own JDBC
 * repository writes fixed table names without this module's prefix. A passkey belongs to the staff
 * member whose user handle it carries ({@code acc_passkey_user}). Times come from the application's
 * clock, not from the library's, so "created" and "last used" agree with everything else.
 */
@Repository
public class PasskeyRepository implements UserCredentialRepository {

    /** A passkey as its holder sees it in the list. */
    public record Passkey(UUID id, UUID staffId, String label, Instant created, Instant lastUsed) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PasskeyRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void save(CredentialRecord record) {
        String credentialId = record.getCredentialId().toBase64UrlString();
        // As the databases keep it: microseconds.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // The library saves at registration (new) and after every sign-in (counter and time of use).
        int updated = jdbc.sql("UPDATE acc_passkey SET signature_count = ?, uv_initialized = ?, backup_state = ?, "
                + "last_used_at = ? WHERE credential_id = ?")
                .params(record.getSignatureCount(), record.isUvInitialized(), record.isBackupState(),
                        Timestamp.from(now), credentialId)
                .update();
        if (updated > 0) {
            return;
        }
        UUID staffId = staffOfHandle(record.getUserEntityUserId())
                .orElseThrow(() -> new IllegalStateException("a passkey for an unknown user handle"));
        jdbc.sql("INSERT INTO acc_passkey (id, staff_id, credential_id, label, public_key, signature_count, "
                + "uv_initialized, transports, backup_eligible, backup_state, attestation_object, "
                + "attestation_client_data, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")
                .params(UUID.randomUUID(), staffId, credentialId, record.getLabel(), record.getPublicKey().getBytes(),
                        record.getSignatureCount(), record.isUvInitialized(), transports(record.getTransports()),
                        record.isBackupEligible(), record.isBackupState(), bytes(record.getAttestationObject()),
                        bytes(record.getAttestationClientDataJSON()), Timestamp.from(now))
                .update();
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return jdbc.sql("SELECT p.*, u.user_handle FROM acc_passkey p JOIN acc_passkey_user u ON u.staff_id = p.staff_id "
                + "WHERE p.credential_id = ?").param(credentialId.toBase64UrlString())
                .query(PasskeyRepository::record).optional().orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return jdbc.sql("SELECT p.*, u.user_handle FROM acc_passkey p JOIN acc_passkey_user u ON u.staff_id = p.staff_id "
                + "WHERE u.user_handle = ? ORDER BY p.created_at, p.id").param(userId.toBase64UrlString())
                .query(PasskeyRepository::record).list();
    }

    @Override
    public void delete(Bytes credentialId) {
        jdbc.sql("DELETE FROM acc_passkey WHERE credential_id = ?").param(credentialId.toBase64UrlString()).update();
    }

    public List<Passkey> ofStaff(UUID staffId) {
        return jdbc.sql("SELECT id, staff_id, label, created_at, last_used_at FROM acc_passkey WHERE staff_id = ? "
                + "ORDER BY created_at, id").param(staffId).query(PasskeyRepository::passkey).list();
    }

    public Optional<Passkey> byCredentialId(Bytes credentialId) {
        return jdbc.sql("SELECT id, staff_id, label, created_at, last_used_at FROM acc_passkey WHERE credential_id = ?")
                .param(credentialId.toBase64UrlString()).query(PasskeyRepository::passkey).optional();
    }

    public int count(UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM acc_passkey WHERE staff_id = ?").param(staffId).query(Integer.class).single();
    }

    /** @return whether the passkey existed and was this staff member's */
    public boolean remove(UUID staffId, UUID id) {
        return jdbc.sql("DELETE FROM acc_passkey WHERE id = ? AND staff_id = ?").params(id, staffId).update() == 1;
    }

    public int removeAll(UUID staffId) {
        return jdbc.sql("DELETE FROM acc_passkey WHERE staff_id = ?").param(staffId).update();
    }

    private Optional<UUID> staffOfHandle(Bytes handle) {
        return jdbc.sql("SELECT staff_id FROM acc_passkey_user WHERE user_handle = ?").param(handle.toBase64UrlString())
                .query(UUID.class).optional();
    }

    private static Passkey passkey(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new Passkey(rs.getObject("id", UUID.class), rs.getObject("staff_id", UUID.class), rs.getString("label"),
                rs.getTimestamp("created_at").toInstant(), lastUsed == null ? null : lastUsed.toInstant());
    }

    private static CredentialRecord record(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        byte[] attestation = rs.getBytes("attestation_object");
        byte[] clientData = rs.getBytes("attestation_client_data");
        return ImmutableCredentialRecord.builder()
                .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .credentialId(Bytes.fromBase64(rs.getString("credential_id")))
                .userEntityUserId(Bytes.fromBase64(rs.getString("user_handle")))
                .publicKey(new ImmutablePublicKeyCose(rs.getBytes("public_key")))
                .signatureCount(rs.getLong("signature_count"))
                .uvInitialized(rs.getBoolean("uv_initialized"))
                .transports(transports(rs.getString("transports")))
                .backupEligible(rs.getBoolean("backup_eligible"))
                .backupState(rs.getBoolean("backup_state"))
                .attestationObject(attestation == null ? null : new Bytes(attestation))
                .attestationClientDataJSON(clientData == null ? null : new Bytes(clientData))
                .created(rs.getTimestamp("created_at").toInstant())
                .lastUsed(lastUsed == null ? null : lastUsed.toInstant())
                .label(rs.getString("label"))
                .build();
    }

    private static String transports(Set<AuthenticatorTransport> transports) {
        return transports == null ? "" : transports.stream().map(AuthenticatorTransport::getValue).sorted()
                .collect(Collectors.joining(","));
    }

    private static Set<AuthenticatorTransport> transports(String stored) {
        return Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).map(AuthenticatorTransport::valueOf)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static byte[] bytes(Bytes bytes) {
        return bytes == null ? null : bytes.getBytes();
    }
}
