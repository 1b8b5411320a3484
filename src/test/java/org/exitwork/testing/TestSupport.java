package org.exitwork.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@TestConfiguration(proxyBeanMethods = false)
@Import(TestClock.class)
public class TestSupport {

    @Bean
    static DatabaseVisits databaseVisits() {
        return new DatabaseVisits();
    }

    @Bean
    Fixtures fixtures(org.exitwork.accounts.AccountAdministration accounts, org.exitwork.cases.CaseWork cases) {
        return new Fixtures(accounts, cases);
    }
}
