package org.exitwork.disclosure.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A link handed to a partner (a share, a service request, a funder report): 32 random bytes, URL-safe Base64 without padding (43
 * characters); only its SHA-256 is stored, so the database alone opens no link.
 */
public final class LinkToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = 43;

    private LinkToken() {
    }

    public static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** A token of the shape we hand out; anything else is not looked up at all. */
    public static boolean wellFormed(String token) {
        return token != null && token.length() == LENGTH && token.chars().allMatch(LinkToken::base64url);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean base64url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
