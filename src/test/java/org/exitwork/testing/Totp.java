package org.exitwork.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.bastiaanjansen.otp.HMACAlgorithm;
import com.bastiaanjansen.otp.HOTPGenerator;

/**
 * The authenticator app of a test: RFC 6238 codes (SHA-1, 6 digits, 30-second steps) for a secret
 * shown on the enrolment page. It remembers the last step it used, because the application never
 * accepts a step twice; instead of waiting for the next step it uses the following one, which the
 * application accepts as clock drift.
 */
public final class Totp {

    private static final int PERIOD_SECONDS = 30;

    private final String secret;
    private long lastUsedStep = Long.MIN_VALUE;

    /** @param shownSecret the secret as the page shows it, spaces and all */
    public Totp(String shownSecret) {
        this.secret = shownSecret.replaceAll("\\s", "");
    }

    public String secret() {
        return secret;
    }

    /** A code of a step this app has not used yet: the current one, or the next if that was used. */
    public String nextCode() {
        long now = currentStep();
        long step = Math.max(now, lastUsedStep + 1);
        if (step > now + 1) {
            throw new IllegalStateException("two codes already used in this 30-second step; use a recovery code");
        }
        lastUsedStep = step;
        return codeAt(step);
    }

    public String codeAt(long step) {
        return code(secret, step);
    }

    /** The code of a Base32 secret for a 30-second time step (RFC 6238: the HOTP code of the step, SHA-1, 6 digits). */
    public static String code(String secret, long step) {
        return new HOTPGenerator.Builder(secret.getBytes(StandardCharsets.US_ASCII)).withPasswordLength(6)
                .withAlgorithm(HMACAlgorithm.SHA1).build().generate(step);
    }

    public static long currentStep() {
        return Math.floorDiv(Instant.now().getEpochSecond(), PERIOD_SECONDS);
    }
}
