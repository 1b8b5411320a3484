package org.exitwork.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.exitwork.keys.KeyFiles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The keys module's settings keep the names and defaults they had as {@code @Value}s. */
class KeySettingsTest {

    static Binder binder(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    @Test
    void defaults() {
        KeySettings settings = binder(Map.of()).bindOrCreate("exitwork.keys", KeySettings.class);
        assertThat(settings).isEqualTo(new KeySettings(Duration.ofDays(1), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(2), 500, 5000));
    }

    @Test
    void namesBind() {
        KeySettings settings = binder(Map.of("exitwork.keys.rotation-interval", "P7D",
                "exitwork.keys.erasure-horizon", "P90D", "exitwork.keys.check-every", "PT5M",
                "exitwork.keys.lock-at-most-for", "PT10M", "exitwork.keys.batch-size", "50",
                "exitwork.keys.progress-every", "100")).bindOrCreate("exitwork.keys", KeySettings.class);
        assertThat(settings).isEqualTo(new KeySettings(Duration.ofDays(7), Duration.ofDays(90), Duration.ofMinutes(5),
                Duration.ofMinutes(10), 50, 100));
    }

    @Test
    void theFilesBindAndAreRequired() {
        KeyFiles files = binder(Map.of("exitwork.master-key-file", "/keys/master.json",
                "exitwork.erasure-journal", "/journal/erasures")).bind("exitwork", KeyFiles.class).get();
        assertThat(files).isEqualTo(new KeyFiles(Path.of("/keys/master.json"), Path.of("/journal/erasures")));
        assertThatThrownBy(() -> binder(Map.of("exitwork.erasure-journal", "/journal/erasures"))
                .bindOrCreate("exitwork", KeyFiles.class)).hasStackTraceContaining("exitwork.master-key-file is not set");
    }
}
