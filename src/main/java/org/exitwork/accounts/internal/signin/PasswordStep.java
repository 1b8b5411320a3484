package org.exitwork.accounts.internal.signin;

import java.util.List;

import org.exitwork.accounts.internal.account.Passwords;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The first factor. A correct password yields only {@link #PASSWORD_VERIFIED}: no role, so no page
 * but the rest of the sign-in opens until the second factor is verified.
 */
@Component
public class PasswordStep implements AuthenticationProvider {

    public static final String PASSWORD_VERIFIED = "SIGN_IN_PASSWORD_VERIFIED";

    /** This name from this address failed too often: refused for {@code seconds} without a look at the password. */
    public static final class AttemptsRefused extends AuthenticationException {
        private final long seconds;

        AttemptsRefused(long seconds) {
            super("sign-in refused for a while");
            this.seconds = seconds;
        }

        public long seconds() {
            return seconds;
        }
    }

    private final SignInService signIn;
    private final SignInLimits limits;

    PasswordStep(SignInService signIn, SignInLimits limits) {
        this.signIn = signIn;
        this.limits = limits;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        if (password != null && password.length() > Passwords.MAX_LENGTH) {
            password = password.substring(0, Passwords.MAX_LENGTH + 1);
        }
        if (!(authentication.getDetails() instanceof SignInDetails details)) {
            throw new IllegalStateException("sign-in without a client address");
        }
        SignInService.PasswordResult result = signIn.checkPassword(authentication.getName(), password,
                details.clientAddress());
        if (result instanceof SignInService.PasswordResult.Accepted accepted) {
            return UsernamePasswordAuthenticationToken.authenticated(accepted.principal(), null,
                    List.of(new SimpleGrantedAuthority(PASSWORD_VERIFIED)));
        }
        if (result instanceof SignInService.PasswordResult.Refused refused) {
            throw new AttemptsRefused(refused.seconds());
        }
        // Repeated failures are answered ever more slowly, which makes guessing expensive.
        limits.hold(((SignInService.PasswordResult.Rejected) result).delay());
        throw new BadCredentialsException("sign-in failed");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
