package org.exitwork.keys;

/** Encrypts and decrypts text fields under one key, each bound to its {@link FieldRef}. */
public interface FieldCipher {

    /** @return ciphertext, or {@code null} for a {@code null} plaintext */
    byte[] encrypt(FieldRef ref, String plaintext);

    /** @throws UnreadableException when the ciphertext does not belong to this key and place */
    String decrypt(FieldRef ref, byte[] ciphertext);
}
