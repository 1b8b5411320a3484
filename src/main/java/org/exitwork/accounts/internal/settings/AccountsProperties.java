package org.exitwork.accounts.internal.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the accounts module, under their long-standing names: {@code exitwork.sign-in.*},
 * {@code exitwork.accounts.reset.*} and {@code exitwork.master-key-file} (shown on the first-run page,
 * so whoever sets up the installation knows which file to back up).
 */
@ConfigurationProperties("exitwork")
public record AccountsProperties(@DefaultValue SignInPolicy signIn, @DefaultValue Accounts accounts,
        String masterKeyFile) {

    /** {@code exitwork.accounts.*} */
    public record Accounts(@DefaultValue ResetPolicy reset) {
    }
}
