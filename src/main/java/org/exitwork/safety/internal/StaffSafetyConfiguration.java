package org.exitwork.safety.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings. (The job lock is the platform's, {@code platform.JobLocks}.) */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffSafetyProperties.class)
class StaffSafetyConfiguration {
}
