package org.exitwork.keys.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.exitwork.keys.ErasureHorizon;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    MasterKeyFile masterKeyFile(@Value("${exitwork.master-key-file}") Path file, Clock clock) {
        return new MasterKeyFile(file, clock);
    }

    @Bean
    KeySettings keySettings(@Value("${exitwork.keys.rotation-interval:P1D}") Duration rotationInterval,
            @Value("${exitwork.keys.erasure-horizon:P30D}") Duration erasureHorizon,
            @Value("${exitwork.keys.check-every:PT1H}") Duration checkEvery,
            @Value("${exitwork.keys.lock-at-most-for:PT2M}") Duration lockAtMostFor,
            @Value("${exitwork.keys.batch-size:500}") int batchSize,
            @Value("${exitwork.keys.progress-every:5000}") int progressEvery) {
        return new KeySettings(rotationInterval, erasureHorizon, checkEvery, lockAtMostFor, batchSize, progressEvery);
    }

    @Bean
    ErasureHorizon erasureHorizon(KeySettings settings) {
        return settings.horizon();
    }
}
