package org.exitwork.continuity.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a backup is kept apart from: the installation's own files, read from the same settings the
 * modules that own them read ({@code exitwork.data-dir}, {@code exitwork.master-key-file},
 * {@code exitwork.erasure-journal}, {@code exitwork.audit.key-file}, {@code exitwork.audit.checkpoint-file}).
 */
@ConfigurationProperties("exitwork")
record ContinuitySettings(Path dataDir, Path masterKeyFile, Path erasureJournal, Audit audit) {

    ContinuitySettings {
        Objects.requireNonNull(dataDir, "exitwork.data-dir is not set");
        Objects.requireNonNull(masterKeyFile, "exitwork.master-key-file is not set");
        Objects.requireNonNull(erasureJournal, "exitwork.erasure-journal is not set");
        Objects.requireNonNull(audit, "exitwork.audit.key-file is not set");
    }

    record Audit(Path keyFile, Path checkpointFile) {

        Audit {
            Objects.requireNonNull(keyFile, "exitwork.audit.key-file is not set");
            Objects.requireNonNull(checkpointFile, "exitwork.audit.checkpoint-file is not set");
        }
    }
}
