package org.exitwork.accounts.internal.settings;

import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in limits as shipped, under the names the README gives operators. */
class SignInSettingsTest {

    @Test
    void theShippedLimits() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        SignInPolicy policy = new Binder(new MapConfigurationPropertySource(shipped))
                .bindOrCreate("exitwork.sign-in", SignInPolicy.class);
        assertThat(policy).isEqualTo(new SignInPolicy(3, Duration.ofSeconds(1), 10, Duration.ofMinutes(15), 5,
                Duration.ofMinutes(15), 20, Duration.ofMinutes(1), 1000));
        assertThat(shipped.getProperty("exitwork.sign-in.refusal-hold")).isEqualTo("1s");
        assertThat(shipped.getProperty("exitwork.trusted-proxies")).isEqualTo("${EXITWORK_TRUSTED_PROXIES:}");
    }
}
