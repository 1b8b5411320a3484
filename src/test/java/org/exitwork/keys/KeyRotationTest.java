package org.exitwork.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** rotate-keys: every data key is re-wrapped; the old master key opens nothing afterwards. */
@DatabaseTest
@TestPropertySource(properties = "exitwork.test.context=key-rotation")
class KeyRotationTest {

    @Autowired
    ClientKeys keys;

    @Autowired
    KeyRotation rotation;

    @Autowired
    SystemSecrets systemSecrets;

    @Autowired
    JdbcClient jdbc;

    @Value("${exitwork.master-key-file}")
    Path masterKeyFile;

    @Test
    void rotationRewrapsEveryKeyAndRetiresTheOldMasterKey() throws Exception {
        UUID client = UUID.randomUUID();
        keys.createKey(client, UUID.randomUUID());
        FieldRef ref = FieldRef.of("cas_session_note", UUID.randomUUID(), "body");
        byte[] sealed = keys.cipherFor(client).encrypt(ref, "still readable after rotation");
        FieldRef staffRef = FieldRef.of("acc_staff", UUID.randomUUID(), "totp_secret");
        byte[] staffSecret = systemSecrets.cipher().encrypt(staffRef, "SEED");

        String oldMasterJson = Files.readString(masterKeyFile);
        byte[] wrappedBefore = wrapped(client);

        KeyRotation.Result result = rotation.rotateMasterKey();

        assertThat(result.clientKeys()).isGreaterThanOrEqualTo(1);
        assertThat(result.systemKeys()).isEqualTo(1);
        assertThat(Files.readString(masterKeyFile)).isNotEqualTo(oldMasterJson);
        assertThat(wrapped(client)).isNotEqualTo(wrappedBefore);
        assertThat(keys.cipherFor(client).decrypt(ref, sealed)).isEqualTo("still readable after rotation");
        assertThat(systemSecrets.cipher().decrypt(staffRef, staffSecret)).isEqualTo("SEED");

        Aead oldMaster = TinkJsonProtoKeysetFormat.parseKeyset(oldMasterJson, InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        byte[] ad = ("key_client|" + client).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped(client), oldMaster, ad))
                .isInstanceOf(java.security.GeneralSecurityException.class);
        // The old master key did open the key before rotation: the check above can fail.
        assertThat(TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedBefore, oldMaster, ad)).isNotNull();
    }

    private byte[] wrapped(UUID client) {
        return jdbc.sql("SELECT wrapped_keyset FROM key_client WHERE client_id = ?").param(client).query(byte[].class)
                .single();
    }
}
