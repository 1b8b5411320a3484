package org.exitwork.keys;

import java.util.UUID;

/** Encrypts and decrypts text fields under one key, each bound to its {@link FieldRef}. */
public interface FieldCipher {

    /** @return ciphertext, or {@code null} for a {@code null} plaintext */
    byte[] encrypt(FieldRef ref, String plaintext);

    /**
     * @return the plaintext, or {@code null} for a {@code null} ciphertext
     * @throws UnreadableException when the ciphertext does not belong to this key and place
     */
    String decrypt(FieldRef ref, byte[] ciphertext);

    /**
     * The fields of one row: the one way a repository seals and opens a row's columns, so no
     * class writes its own null-safe wrapper around {@link FieldRef}.
     */
    default RowCipher row(String table, UUID row) {
        return new RowCipher(this, table, row);
    }

    /** The encrypted columns of one row of one table, under one key. */
    record RowCipher(FieldCipher cipher, String table, UUID row) {

        /** @return ciphertext bound to this row and column, or {@code null} for {@code null} */
        public byte[] seal(String column, String plaintext) {
            return cipher.encrypt(FieldRef.of(table, row, column), plaintext);
        }

        /** @return plaintext, or {@code null} for {@code null} */
        public String open(String column, byte[] ciphertext) {
            return cipher.decrypt(FieldRef.of(table, row, column), ciphertext);
        }
    }
}
