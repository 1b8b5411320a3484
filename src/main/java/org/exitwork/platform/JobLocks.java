package org.exitwork.platform;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one cluster-wide job lock (ShedLock) of every module: one table, {@code plf_shedlock}, and the
 * database's time, so nodes with skewed clocks agree on when a lock runs out. A job either carries
 * {@code @SchedulerLock(name = ...)} or calls the {@link LockingTaskExecutor}; each names its own lock
 * ({@code saf_escalation}, {@code ref_matcher}, {@code key_rotation}) and how long it may hold it.
 * The provider can extend a lock, so a long run (the key rotation) keeps it alive.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
public class JobLocks {

    public static final String TABLE = "plf_shedlock";

    @Bean
    ExtensibleLockProvider jobLockProvider(DataSource dataSource) {
        return provider(dataSource);
    }

    @Bean
    LockingTaskExecutor jobLockExecutor(ExtensibleLockProvider jobLockProvider) {
        return new DefaultLockingTaskExecutor(jobLockProvider);
    }

    /** The provider on the job-lock table, for a harness that runs a module without Spring. */
    public static ExtensibleLockProvider provider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName(TABLE)
                .usingDbTime()
                .build());
    }
}
