package org.exitwork.audit.internal;

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

    /** The keyed chains begin by sealing the earlier chain's end, before anything else is appended. */
    @Bean
    LegacySeal legacySeal(JdbcAuditLog log) {
        return new LegacySeal(log);
    }

    static final class LegacySeal {
        private final JdbcAuditLog log;

        LegacySeal(JdbcAuditLog log) {
            this.log = log;
        }

        @EventListener(ApplicationStartedEvent.class)
        void seal() {
            log.sealLegacyChain();
        }
    }
}
