package org.exitwork.audit.internal;

import org.exitwork.audit.internal.keys.AuditKeyFile;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditSettings.class)
class AuditConfiguration {

    @Bean
    AuditKeys auditKeys(AuditSettings settings) {
        return AuditKeyFile.load(settings.keyFile());
    }

    /**
     * The keyed chains begin by sealing the earlier chain's end, before anything else is appended; then
     * whatever a node that stopped left waiting is linked.
     */
    @Bean
    LegacySeal legacySeal(JdbcAuditLog log, ChainWriter writer) {
        return new LegacySeal(log, writer);
    }

    static final class LegacySeal {
        private final JdbcAuditLog log;
        private final ChainWriter writer;

        LegacySeal(JdbcAuditLog log, ChainWriter writer) {
            this.log = log;
            this.writer = writer;
        }

        @EventListener(ApplicationStartedEvent.class)
        void seal() {
            log.sealLegacyChain();
            writer.linkEverythingWaiting();
        }
    }
}
