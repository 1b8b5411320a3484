package org.exitwork.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.UnreadableException;
import org.junit.jupiter.api.Test;

/** The one field-encryption helper: a row's columns sealed and opened, bound to their place. */
class RowCipherTest {

    private final FieldCipher cipher = cipher();

    @Test
    void aSealedColumnOpensOnlyInItsOwnRowAndColumn() {
        UUID row = UUID.randomUUID();
        FieldCipher.RowCipher fields = cipher.row("cas_note", row);
        byte[] sealed = fields.seal("body", "met at the station");

        assertThat(fields.open("body", sealed)).isEqualTo("met at the station");
        assertThat(cipher.decrypt(FieldRef.of("cas_note", row, "body"), sealed)).isEqualTo("met at the station");
        assertThatThrownBy(() -> fields.open("title", sealed)).isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> cipher.row("cas_note", UUID.randomUUID()).open("body", sealed))
                .isInstanceOf(UnreadableException.class);
        assertThatThrownBy(() -> cipher.row("cas_person", row).open("body", sealed))
                .isInstanceOf(UnreadableException.class);
    }

    @Test
    void nullStaysNullBothWays() {
        FieldCipher.RowCipher fields = cipher.row("cas_note", UUID.randomUUID());
        assertThat(fields.seal("body", null)).isNull();
        assertThat(fields.open("body", null)).isNull();
    }

    private static FieldCipher cipher() {
        try {
            AeadConfig.register();
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return new AeadFieldCipher(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
