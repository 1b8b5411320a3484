package org.exitwork.accounts.internal.web;

import org.exitwork.accounts.internal.resets.ResetPolicy;
import org.exitwork.accounts.internal.signin.SignInPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** What the accounts module needs in every mode, web server or command line. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SignInPolicy.class, ResetPolicy.class })
class AccountsConfiguration {

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }
}
