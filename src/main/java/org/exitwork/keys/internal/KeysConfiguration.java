package org.exitwork.keys.internal;

import java.time.Clock;

import org.exitwork.keys.ErasureHorizon;
import org.exitwork.keys.KeyFiles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ KeySettings.class, KeyFiles.class })
class KeysConfiguration {

    @Bean
    MasterKeyFile masterKeyFile(KeyFiles files, Clock clock) {
        return new MasterKeyFile(files.masterKeyFile(), clock);
    }

    @Bean
    ErasureJournalFile erasureJournalFile(KeyFiles files, Clock clock) {
        return new ErasureJournalFile(files.erasureJournal(), clock);
    }

    @Bean
    ErasureHorizon erasureHorizon(KeySettings settings) {
        return settings.horizon();
    }
}
