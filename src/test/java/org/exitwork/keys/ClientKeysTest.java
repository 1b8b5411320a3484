package org.exitwork.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DatabaseTest
class ClientKeysTest {

    @Autowired
    ClientKeys keys;

    @Autowired
    SystemSecrets systemSecrets;

    @Autowired
    JdbcClient jdbc;

    @Value("${exitwork.master-key-file}")
    Path masterKeyFile;

    private UUID newClientKey() {
        UUID client = UUID.randomUUID();
        keys.createKey(client, UUID.randomUUID());
        return client;
    }

    @Test
    void roundTripsAField() {
        UUID client = newClientKey();
        FieldRef ref = FieldRef.of("cas_session_note", UUID.randomUUID(), "body");
        byte[] sealed = keys.cipherFor(client).encrypt(ref, "Grüße aus der Sitzung");
        assertThat(keys.cipherFor(client).decrypt(ref, sealed)).isEqualTo("Grüße aus der Sitzung");
    }

    @Test
    void aCiphertextCopiedToAnotherRowDoesNotDecrypt() {
        UUID client = newClientKey();
        FieldRef original = FieldRef.of("cas_session_note", UUID.randomUUID(), "body");
        byte[] sealed = keys.cipherFor(client).encrypt(original, "secret");
        FieldRef otherRow = FieldRef.of("cas_session_note", UUID.randomUUID(), "body");
        assertThatThrownBy(() -> keys.cipherFor(client).decrypt(otherRow, sealed))
                .isInstanceOf(UnreadableException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherFieldOrTableDoesNotDecrypt() {
        UUID client = newClientKey();
        UUID row = UUID.randomUUID();
        byte[] sealed = keys.cipherFor(client).encrypt(FieldRef.of("cas_identity", row, "full_name"), "Name");
        assertThatThrownBy(() -> keys.cipherFor(client).decrypt(FieldRef.of("cas_identity", row, "contact"), sealed))
                .isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> keys.cipherFor(client).decrypt(FieldRef.of("cas_other", row, "full_name"), sealed))
                .isInstanceOf(UnreadableException.class);
    }

    @Test
    void anotherClientsKeyCannotOpenIt() {
        UUID one = newClientKey();
        UUID two = newClientKey();
        FieldRef ref = FieldRef.of("cas_identity", UUID.randomUUID(), "full_name");
        byte[] sealed = keys.cipherFor(one).encrypt(ref, "Name");
        assertThatThrownBy(() -> keys.cipherFor(two).decrypt(ref, sealed)).isInstanceOf(UnreadableException.class);
    }

    @Test
    void aWrappedKeyCopiedToAnotherClientDoesNotUnwrap() {
        UUID one = newClientKey();
        UUID two = newClientKey();
        byte[] wrappedOne = jdbc.sql("SELECT wrapped_keyset FROM key_client WHERE client_id = ?").param(one)
                .query(byte[].class).single();
        jdbc.sql("UPDATE key_client SET wrapped_keyset = ? WHERE client_id = ?").params(wrappedOne, two).update();
        assertThatThrownBy(() -> keys.cipherFor(two)).isInstanceOf(UnreadableException.class);
    }

    @Test
    void shreddingMakesEveryCiphertextUnreadable() {
        UUID client = newClientKey();
        FieldRef ref = FieldRef.of("cas_session_note", UUID.randomUUID(), "body");
        byte[] sealed = keys.cipherFor(client).encrypt(ref, "to be forgotten");
        keys.shred(client);
        assertThatThrownBy(() -> keys.cipherFor(client)).isInstanceOf(UnreadableException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM key_client WHERE client_id = ?").param(client).query(Long.class)
                .single()).isZero();
        assertThat(sealed).isNotEmpty();
    }

    @Test
    void masterKeyFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(Files.exists(masterKeyFile)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKeyFile))).isEqualTo("rw-------");
    }

    @Test
    void systemSecretsAreBoundToTheirPlaceToo() {
        UUID staff = UUID.randomUUID();
        byte[] sealed = systemSecrets.cipher().encrypt(FieldRef.of("acc_staff", staff, "totp_secret"), "JBSWY3DPEHPK3PXP");
        assertThat(systemSecrets.cipher().decrypt(FieldRef.of("acc_staff", staff, "totp_secret"), sealed))
                .isEqualTo("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> systemSecrets.cipher()
                .decrypt(FieldRef.of("acc_staff", UUID.randomUUID(), "totp_secret"), sealed))
                .isInstanceOf(UnreadableException.class);
    }
}
