package org.exitwork.accounts.internal.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the accounts module, under their long-standing names: {@code exitwork.sign-in.*} and
 * {@code exitwork.accounts.reset.*}.
 */
@ConfigurationProperties("exitwork")
public record AccountsProperties(@DefaultValue SignInPolicy signIn, @DefaultValue Accounts accounts) {

    /** {@code exitwork.accounts.*} */
    public record Accounts(@DefaultValue ResetPolicy reset) {
    }
}
