package org.exitwork.safety.internal.staffsafety;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.exitwork.safety.internal.settings.SafetyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The job lock (ShedLock, table {@code saf_shedlock}, database time) and the settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetyProperties.class)
@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
class StaffSafetyConfiguration {

    @Bean
    LockProvider staffSafetyLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("saf_shedlock")
                .usingDbTime()
                .build());
    }
}
