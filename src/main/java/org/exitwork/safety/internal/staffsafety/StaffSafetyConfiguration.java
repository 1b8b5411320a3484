package org.exitwork.safety.internal.staffsafety;

import org.exitwork.safety.internal.settings.SafetyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings. (The job lock is the platform's, {@code platform.JobLocks}.) */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetyProperties.class)
class StaffSafetyConfiguration {
}
