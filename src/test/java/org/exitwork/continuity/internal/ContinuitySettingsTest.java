package org.exitwork.continuity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Continuity reads the installation's files from the very settings their modules read. */
class ContinuitySettingsTest {

    @Test
    void namesBind() {
        ContinuitySettings settings = new Binder(new MapConfigurationPropertySource(Map.of(
                "exitwork.data-dir", "/data", "exitwork.master-key-file", "/keys/master.json",
                "exitwork.erasure-journal", "/journal/erasures", "exitwork.audit.key-file", "/audit/keys.json",
                "exitwork.audit.checkpoint-file", "/audit/checkpoints.log")))
                .bind("exitwork", ContinuitySettings.class).get();
        assertThat(settings).isEqualTo(new ContinuitySettings(Path.of("/data"), Path.of("/keys/master.json"),
                Path.of("/journal/erasures"),
                new ContinuitySettings.Audit(Path.of("/audit/keys.json"), Path.of("/audit/checkpoints.log"))));
    }

    @Test
    void everyFileIsRequired() {
        assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(Map.of(
                "exitwork.data-dir", "/data", "exitwork.master-key-file", "/keys/master.json",
                "exitwork.erasure-journal", "/journal/erasures", "exitwork.audit.key-file", "/audit/keys.json")))
                .bindOrCreate("exitwork", ContinuitySettings.class))
                .hasStackTraceContaining("exitwork.audit.checkpoint-file is not set");
    }
}
