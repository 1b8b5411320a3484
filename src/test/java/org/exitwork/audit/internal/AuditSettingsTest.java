package org.exitwork.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The audit module's settings keep the names and defaults they had as {@code @Value}s. */
class AuditSettingsTest {

    static Binder binder(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    @Test
    void defaultsBesideTheRequiredFiles() {
        AuditSettings settings = binder(Map.of("exitwork.audit.key-file", "/a/keys.json",
                "exitwork.audit.checkpoint-file", "/b/checkpoints.log")).bind("exitwork.audit", AuditSettings.class).get();
        assertThat(settings).isEqualTo(new AuditSettings(Path.of("/a/keys.json"), Path.of("/b/checkpoints.log"), 100, true, 2, false));
    }

    @Test
    void namesBind() {
        AuditSettings settings = binder(Map.of("exitwork.audit.key-file", "/a/keys.json",
                "exitwork.audit.checkpoint-file", "/b/checkpoints.log",
                "exitwork.audit.checkpoint-every-entries", "7", "exitwork.audit.checkpoint-log", "false",
                "exitwork.audit.writer-connections", "3", "exitwork.audit.wait-for-link", "true"))
                .bind("exitwork.audit", AuditSettings.class).get();
        assertThat(settings).isEqualTo(new AuditSettings(Path.of("/a/keys.json"), Path.of("/b/checkpoints.log"), 7, false, 3, true));
    }

    @Test
    void theWriterNeedsAConnection() {
        assertThatThrownBy(() -> binder(Map.of("exitwork.audit.key-file", "/a/keys.json",
                "exitwork.audit.checkpoint-file", "/b/checkpoints.log", "exitwork.audit.writer-connections", "0"))
                .bind("exitwork.audit", AuditSettings.class))
                .hasStackTraceContaining("exitwork.audit.writer-connections must be at least 1, not 0");
    }

    @Test
    void theFilesAreRequired() {
        assertThatThrownBy(() -> binder(Map.of("exitwork.audit.checkpoint-file", "/b/checkpoints.log"))
                .bindOrCreate("exitwork.audit", AuditSettings.class))
                .hasStackTraceContaining("exitwork.audit.key-file is not set");
    }
}
