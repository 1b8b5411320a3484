package org.exitwork.disclosure.internal;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's settings keep the names and defaults the {@code @Value}s had; without Spring's context. */
class DisclosureSettingsTest {

    static DisclosureSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("exitwork.disclosure", DisclosureSettings.class);
    }

    @Test
    void defaultsAreSevenDaysTheLocalSenderAndADayForAReview() {
        assertThat(bind(Map.of())).isEqualTo(new DisclosureSettings(7, "exitwork@localhost", Duration.ofHours(24), 90, 50));
    }

    @Test
    void theNamesAreTheGatesOwn() {
        assertThat(bind(Map.of("exitwork.disclosure.share-link-days", "3",
                "exitwork.disclosure.mail-from", "alerts@example.org",
                "exitwork.disclosure.danger-alert-review-within", "12h",
                "exitwork.safety.mail-from", "alarms@example.org")))
                .isEqualTo(new DisclosureSettings(3, "alerts@example.org", Duration.ofHours(12), 90, 50));
    }
}
