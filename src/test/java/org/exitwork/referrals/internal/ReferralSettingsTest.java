package org.exitwork.referrals.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The property names and defaults of referrals in, as operators set them. */
class ReferralSettingsTest {

    @Test
    void defaults() {
        assertThat(bind(Map.of())).isEqualTo(new ReferralSettings(90, 7, 30, 30));
    }

    @Test
    void theNamesOperatorsUse() {
        assertThat(bind(Map.of("exitwork.referrals.unassigned-retention-days", "30",
                "exitwork.referrals.stuck-days", "2", "exitwork.referrals.rate-per-minute", "1000",
                "exitwork.referrals.failed-calls-per-address", "5")))
                .isEqualTo(new ReferralSettings(30, 2, 1000, 5));
    }

    private static ReferralSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("exitwork.referrals", ReferralSettings.class);
    }
}
