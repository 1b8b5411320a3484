package org.exitwork.accounts.internal.signin;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The second factor without Spring: RFC 6238 codes, the drift allowed, no reuse, the QR code, recovery codes. */
class SecondFactorTest {

    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in Base32. */
    private static final String RFC_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static SecondFactor at(long epochSecond) {
        return new SecondFactor(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    /** Appendix B's SHA-1 vectors, their last six digits. */
    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
            "2000000000, 279037", "20000000000, 353130"})
    void codesAreThoseOfRfc6238(long time, String code) {
        SecondFactor factor = at(time);
        assertThat(factor.currentStep()).isEqualTo(time / 30);
        assertThat(factor.codeAt(RFC_KEY, factor.currentStep())).isEqualTo(code);
        assertThat(factor.verify(RFC_KEY, code, null)).hasValue(time / 30);
        assertThat(factor.verify(RFC_KEY, code.substring(0, 3) + " " + code.substring(3), null)).hasValue(time / 30);
    }

    @Test
    void oneStepOfDriftEitherWayAndNoStepTwice() {
        SecondFactor factor = at(1_234_567_890L);
        long now = factor.currentStep();
        assertThat(factor.verify(RFC_KEY, factor.codeAt(RFC_KEY, now - 1), null)).hasValue(now - 1);
        assertThat(factor.verify(RFC_KEY, factor.codeAt(RFC_KEY, now + 1), null)).hasValue(now + 1);
        assertThat(factor.verify(RFC_KEY, factor.codeAt(RFC_KEY, now - 2), null)).isEmpty();
        assertThat(factor.verify(RFC_KEY, factor.codeAt(RFC_KEY, now + 2), null)).isEmpty();
        assertThat(factor.verify(RFC_KEY, factor.codeAt(RFC_KEY, now), now)).as("the same step again").isEmpty();
        assertThat(factor.verify(RFC_KEY, factor.codeAt(RFC_KEY, now - 1), now)).as("an older step").isEmpty();
        assertThat(factor.verify(RFC_KEY, factor.codeAt(RFC_KEY, now + 1), now)).hasValue(now + 1);
        assertThat(factor.verify(RFC_KEY, "12345", null)).isEmpty();
        assertThat(factor.verify(RFC_KEY, "1234567", null)).isEmpty();
        assertThat(factor.verify(RFC_KEY, "abcdef", null)).isEmpty();
        assertThat(factor.verify(RFC_KEY, null, null)).isEmpty();
    }

    @Test
    void aNewSecretIs160RandomBitsInBase32AndWorks() {
        SecondFactor factor = at(1_700_000_000L);
        String secret = factor.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}").isNotEqualTo(factor.newSecret());
        assertThat(factor.verify(secret, factor.codeAt(secret, factor.currentStep()), null)).isPresent();
    }

    @Test
    void theQrCodeCarriesTheKeyUri() throws Exception {
        String uri = at(0).qrCodeDataUri(RFC_KEY, "anna.berg", "Exitwork");
        assertThat(uri).startsWith("data:image/png;base64,");
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))));
        assertThat(image.getWidth()).isEqualTo(240);
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
        assertThat(text).startsWith("otpauth://totp/Exitwork:anna.berg?").contains("secret=" + RFC_KEY)
                .contains("issuer=Exitwork").contains("algorithm=SHA1").contains("digits=6").contains("period=30");
    }

    @Test
    void tenRecoveryCodesOfFourGroupsOfFour() {
        List<String> codes = at(0).newRecoveryCodes();
        assertThat(codes).hasSize(10).allMatch(c -> c.matches("[a-z0-9]{4}(-[a-z0-9]{4}){3}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
        assertThat(SecondFactor.hashRecoveryCode(" " + codes.get(0).toUpperCase() + " "))
                .isEqualTo(SecondFactor.hashRecoveryCode(codes.get(0)));
    }
}
