package org.exitwork.keys;

/** A ciphertext could not be opened: wrong place, wrong key, tampered, or its key was shredded. */
public class UnreadableException extends RuntimeException {
    public UnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
