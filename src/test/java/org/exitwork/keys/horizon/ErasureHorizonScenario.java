package org.exitwork.keys.horizon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.proto.EncryptedKeyset;
import com.google.protobuf.ExtensionRegistryLite;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.ErasureHorizon;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.KeyRotation;
import org.exitwork.keys.UnreadableException;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Erasure reaches every copy (R20), tried the way an attacker with the data directory, a database
 * login or an old backup would: every copy of the erased client's wrapped data key that can be found
 * is tried with every master-key version that still exists. Before the horizon it still opens (the test
 * can fail); once the horizon has passed after the next rotation it never does, while every live client
 * still decrypts.
 */
abstract class ErasureHorizonScenario {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ClientKeys keys;

    @Autowired
    KeyRotation rotation;

    @Autowired
    ErasureHorizon horizon;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Value("${exitwork.master-key-file}")
    Path masterKeyFile;

    /** Wrapped keys an attacker finds besides the copy a backup or a dead row keeps, e.g. in database files. */
    abstract List<byte[]> wrappedKeysLyingAround() throws Exception;

    @Test
    void afterTheHorizonNoCopyOfAnErasedClientsKeyOpensWhileEveryLiveClientDecrypts() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        Map<UUID, String> live = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String name = Fixtures.unique("Livemarker ");
            RegisteredClient client = fixtures.client(a, b, name);
            fixtures.note(a, client.id(), "a session with " + name);
            live.put(client.id(), name);
        }
        RegisteredClient erased = fixtures.client(a, b, "Horizonmarker Erased");
        fixtures.note(a, erased.id(), "Horizonmarker talked about the way out");

        // What a backup taken today, or a dead row, keeps: the wrapped key and the encrypted name.
        byte[] keptWrappedKey = jdbc.sql("SELECT wrapped_keyset FROM key_client WHERE client_id = ?")
                .param(erased.id()).query(byte[].class).single();
        byte[] keptName = name(erased.id());
        beforeErasure();

        mvc.perform(post("/cases/{id}/ending/clients-choice", erased.id()).with(as(a)).with(csrf())
                        .param("endedOn", clock.instant().atZone(clock.getZone()).toLocalDate().toString())
                        .param("eraseNow", "true"))
                .andExpect(redirectedUrl("/start"));
        assertThatThrownBy(() -> keys.cipherFor(erased.id())).isInstanceOf(UnreadableException.class);

        // Before the horizon the kept copy still opens, and with it the client's name: the check below can fail.
        assertThat(opens(keptWrappedKey, erased.id())).isTrue();
        Aead recovered = TinkProtoKeysetFormat.parseEncryptedKeyset(keptWrappedKey, masterAead(), ad(erased.id()))
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThat(new String(recovered.decrypt(keptName, FieldRef.of("cas_identity", erased.id(), "full_name")
                .associatedData()), StandardCharsets.UTF_8)).isEqualTo("Horizonmarker Erased");
        beforeTheHorizon(keptWrappedKey, erased.id());

        // The next scheduled rotation re-wraps the live keys; the horizon passes; the schedule runs again.
        clock.advance(horizon.rotationInterval());
        assertThat(rotation.maintain(line -> { }).orElseThrow().rotated()).isTrue();
        clock.advance(horizon.horizon().plus(horizon.checkEvery()));
        KeyRotation.Result past = rotation.maintain(line -> { }).orElseThrow();
        assertThat(past.destroyedVersions()).isNotEmpty();

        List<byte[]> copies = new ArrayList<>(wrappedKeysLyingAround());
        copies.add(keptWrappedKey);
        for (byte[] copy : copies) {
            assertThat(opens(copy, erased.id())).as("a copy of the erased client's key opened").isFalse();
        }
        for (Map.Entry<UUID, String> client : live.entrySet()) {
            assertThat(keys.cipherFor(client.getKey()).decrypt(FieldRef.of("cas_identity", client.getKey(),
                    "full_name"), name(client.getKey()))).isEqualTo(client.getValue());
        }
        afterTheHorizon(live.keySet());
    }

    /** Days of work go by between taking a client on and the erasure; on disk, they reach the file. */
    void beforeErasure() throws Exception {
    }

    /** More checks before the horizon for subclasses that can look at more copies. */
    void beforeTheHorizon(byte[] keptWrappedKey, UUID erased) throws Exception {
    }

    void afterTheHorizon(Iterable<UUID> live) throws Exception {
    }

    byte[] name(UUID client) {
        return jdbc.sql("SELECT full_name FROM cas_identity WHERE client_id = ?").param(client).query(byte[].class)
                .single();
    }

    /** Tries the wrapped key with every master-key version in the key file, one by one. */
    boolean opens(byte[] wrapped, UUID client) throws Exception {
        KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(masterKeyFile),
                InsecureSecretKeyAccess.get());
        byte[] ciphertext = EncryptedKeyset.parseFrom(wrapped, ExtensionRegistryLite.getEmptyRegistry())
                .getEncryptedKeyset().toByteArray();
        for (int i = 0; i < keyset.size(); i++) {
            Aead version = KeysetHandle.newBuilder().addEntry(
                    KeysetHandle.importKey(keyset.getAt(i).getKey()).withFixedId(keyset.getAt(i).getId()).makePrimary())
                    .build().getPrimitive(RegistryConfiguration.get(), Aead.class);
            try {
                version.decrypt(ciphertext, ad(client));
                return true;
            } catch (GeneralSecurityException e) {
                // not this version
            }
        }
        return false;
    }

    Aead masterAead() throws Exception {
        return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(masterKeyFile), InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static byte[] ad(UUID client) {
        return ("key_client|" + client).getBytes(StandardCharsets.UTF_8);
    }
}
