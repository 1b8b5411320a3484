package org.exitwork.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupport {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }

    @Bean
    Fixtures fixtures(org.exitwork.accounts.AccountAdministration accounts, org.exitwork.cases.CaseWork cases) {
        return new Fixtures(accounts, cases);
    }
}
