package org.exitwork.accounts.internal.signin;

import java.time.Duration;
import java.util.List;

import org.exitwork.accounts.internal.account.Passwords;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The first factor. A correct password yields only {@link #PASSWORD_VERIFIED}: no role, so no page
 * but the rest of the sign-in opens until the second factor is verified.
 */
@Component
public class PasswordStep implements AuthenticationProvider {

    public static final String PASSWORD_VERIFIED = "SIGN_IN_PASSWORD_VERIFIED";

    private final SignInService signIn;

    PasswordStep(SignInService signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        if (password != null && password.length() > Passwords.MAX_LENGTH) {
            password = password.substring(0, Passwords.MAX_LENGTH + 1);
        }
        SignInService.PasswordResult result = signIn.checkPassword(authentication.getName(), password);
        if (result instanceof SignInService.PasswordResult.Accepted accepted) {
            return UsernamePasswordAuthenticationToken.authenticated(accepted.principal(), null,
                    List.of(new SimpleGrantedAuthority(PASSWORD_VERIFIED)));
        }
        hold(((SignInService.PasswordResult.Rejected) result).delay());
        throw new BadCredentialsException("sign-in failed");
    }

    /** Repeated failures are answered ever more slowly, which makes guessing expensive. */
    static void hold(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
