package org.exitwork.accounts.internal.account;

import java.security.SecureRandom;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Argon2id hashing (OWASP ASVS minimums: m = 19 MiB, t = 2, p = 1) and generated passwords. */
@Component
public class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    // Unambiguous characters, so a temporary password can be read out over the phone.
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    /** Argon2id's cost: memory in KiB and passes over it (one lane). */
    record Cost(int memoryKiB, int iterations) {

        /** What every installation uses: the OWASP ASVS minimums. */
        static final Cost OWASP_MINIMUM = new Cost(19 * 1024, 2);
    }

    private final PasswordEncoder encoder;
    private final SecureRandom random = new SecureRandom();
    // Compared against when the account does not exist, so both paths cost the same.
    private final String dummyHash;

    /** The one constructor the application uses. */
    public Passwords() {
        this(Cost.OWASP_MINIMUM);
    }

    /**
     * Another cost, for the tests only (they create thousands of accounts): a hash names its own
     * parameters, so {@link #matches} checks any hash at the cost it was made with.
     */
    Passwords(Cost cost) {
        encoder = new Argon2PasswordEncoder(16, 32, 1, cost.memoryKiB(), cost.iterations());
        dummyHash = encoder.encode("no such account, no such password");
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && encoder.matches(password, hash);
    }

    public void burnTime(String password) {
        encoder.matches(password == null ? "" : password, dummyHash);
    }

    public String generate() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }
}
