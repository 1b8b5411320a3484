package org.exitwork.keys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.UnreadableException;

record AeadFieldCipher(Aead aead) implements FieldCipher {

    @Override
    public byte[] encrypt(FieldRef ref, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), ref.associatedData());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed for " + ref, e);
        }
    }

    @Override
    public String decrypt(FieldRef ref, byte[] ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return new String(aead.decrypt(ciphertext, ref.associatedData()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadableException("cannot decrypt " + ref.table() + "." + ref.field(), e);
        }
    }
}
