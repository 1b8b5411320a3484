package org.exitwork.audit.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit module's settings ({@code exitwork.audit.*}). The key file and the checkpoint file live
 * outside the database, so that a copy of the database alone can neither forge the chains nor cut
 * their tails unseen. ({@code checkpoint-interval} is read by the checkpoint schedule itself.)
 *
 * @param keyFile the audit key file ({@code key-file})
 * @param checkpointFile where signed checkpoints are appended ({@code checkpoint-file})
 * @param checkpointEveryEntries a checkpoint after this many entries, 0 for none by count
 * @param checkpointLog whether each checkpoint is also written to the system log
 * @param writerConnections the connections the chain writer has of its own, apart from the application's pool
 * @param waitForLink whether a commit waits until its entries are linked into their chain (the tests), instead of
 *        handing them to the node's writer thread (the default)
 */
@ConfigurationProperties("exitwork.audit")
public record AuditSettings(Path keyFile, Path checkpointFile, @DefaultValue("100") long checkpointEveryEntries,
        @DefaultValue("true") boolean checkpointLog, @DefaultValue("2") int writerConnections,
        @DefaultValue("false") boolean waitForLink) {

    public AuditSettings {
        if (writerConnections < 1) {
            throw new IllegalArgumentException("exitwork.audit.writer-connections must be at least 1, not "
                    + writerConnections);
        }
        Objects.requireNonNull(keyFile, "exitwork.audit.key-file is not set");
        Objects.requireNonNull(checkpointFile, "exitwork.audit.checkpoint-file is not set");
    }
}
