package org.exitwork.accounts.internal.signin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import com.bastiaanjansen.otp.HMACAlgorithm;
import com.bastiaanjansen.otp.HOTPGenerator;
import com.bastiaanjansen.otp.SecretGenerator;
import com.bastiaanjansen.otp.TOTPGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import org.springframework.stereotype.Component;

/**
 * TOTP (RFC 6238, 30-second steps, 6 digits) and one-time recovery codes. A code is accepted one
 * step early or late for clock drift, and never twice: the last used step is remembered.
 */
@Component
class SecondFactor {

    static final int PERIOD_SECONDS = 30;
    static final int RECOVERY_CODES = 10;

    static final int DIGITS = 6;
    static final int QR_SIZE = 240;
    /** Recovery codes: 16 of these characters in groups of four, about 83 random bits. */
    private static final String RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecondFactor(Clock clock) {
        this.clock = clock;
    }

    /** 160 random bits in Base32, as authenticator apps take them (32 characters). */
    String newSecret() {
        return new String(SecretGenerator.generate(), StandardCharsets.US_ASCII);
    }

    /** The {@code otpauth://} key URI as a QR code, a PNG data URI for the enrolment page. */
    String qrCodeDataUri(String secret, String username, String issuer) {
        try {
            String uri = totp(secret).getURI(issuer, username).toString();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, QR_SIZE, QR_SIZE),
                    "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (URISyntaxException | WriterException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the time step the code belongs to, if it is valid and newer than {@code lastUsedStep} */
    OptionalLong verify(String secret, String code, Long lastUsedStep) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String digits = code.replaceAll("\\s", "");
        if (!digits.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long now = currentStep();
        for (long step = now - 1; step <= now + 1; step++) {
            if (lastUsedStep != null && step <= lastUsedStep) {
                continue;
            }
            if (MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
                    digits.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), PERIOD_SECONDS);
    }

    /** RFC 6238: the HOTP code (RFC 4226) of the time step. */
    String codeAt(String secret, long step) {
        return new HOTPGenerator.Builder(secret.getBytes(StandardCharsets.US_ASCII)).withPasswordLength(DIGITS)
                .withAlgorithm(HMACAlgorithm.SHA1).build().generate(step);
    }

    List<String> newRecoveryCodes() {
        return IntStream.range(0, RECOVERY_CODES).mapToObj(i -> recoveryCode()).toList();
    }

    private String recoveryCode() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    /** For the key URI, which tells the authenticator app the algorithm, the digits and the period. */
    private static TOTPGenerator totp(String secret) {
        return new TOTPGenerator.Builder(secret.getBytes(StandardCharsets.US_ASCII))
                .withHOTPGenerator(hotp -> hotp.withPasswordLength(DIGITS).withAlgorithm(HMACAlgorithm.SHA1))
                .withPeriod(Duration.ofSeconds(PERIOD_SECONDS)).build();
    }

    /** Recovery codes carry about 80 random bits each, so a plain SHA-256 is enough to store them. */
    static String hashRecoveryCode(String code) {
        String normalised = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
