package org.exitwork.accounts.internal.web;

import org.exitwork.accounts.internal.settings.AccountsProperties;
import org.exitwork.accounts.internal.settings.ResetPolicy;
import org.exitwork.accounts.internal.settings.SignInPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** What the accounts module needs in every mode, web server or command line. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountsProperties.class)
class AccountsConfiguration {

    @Bean
    SignInPolicy signInPolicy(AccountsProperties properties) {
        return properties.signIn();
    }

    @Bean
    ResetPolicy resetPolicy(AccountsProperties properties) {
        return properties.accounts().reset();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }
}
