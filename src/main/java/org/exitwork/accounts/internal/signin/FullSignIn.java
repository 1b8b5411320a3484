package org.exitwork.accounts.internal.signin;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.passkeys.PasskeyGate;
import org.exitwork.accounts.internal.passkeys.Passkeys;
import org.exitwork.accounts.internal.resets.ResetNoticeGate;
import org.exitwork.accounts.internal.resets.ResetRequests;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Turns a password-only sign-in into a full one once the second factor is verified. */
@Component
public class FullSignIn {

    /** The session attribute with the failed attempts the holder is to see once after signing in. */
    public static final String FAILED_ATTEMPTS = "exitwork.failed-attempts-notice";

    private final SecurityContextRepository contexts;
    private final ResetRequests resets;
    private final Passkeys passkeys;
    private final SignInService signIn;

    FullSignIn(SecurityContextRepository contexts, ResetRequests resets, Passkeys passkeys, SignInService signIn) {
        this.contexts = contexts;
        this.resets = resets;
        this.passkeys = passkeys;
        this.signIn = signIn;
    }

    void complete(StaffPrincipal who, HttpServletRequest request, HttpServletResponse response) {
        establish(who, who.role().authority(), request, response);
        // Someone tried this account since the holder's last sign-in: the holder sees how often and when.
        signIn.takeFailedAttempts(who)
                .ifPresent(attempts -> request.getSession().setAttribute(FAILED_ATTEMPTS, attempts));
        // Someone reset this account's password or second factor: the holder hears of it first (R6).
        if (resets.hasNotices(who.id())) {
            ResetNoticeGate.remember(request);
        }
        // The organisation requires a passkey of this role and there is none yet: it is registered next.
        if (passkeys.mustRegister(who)) {
            PasskeyGate.remember(request);
        }
    }

    /** Back at the step after the password (a passkey sign-in of someone who must change a temporary password). */
    void passwordVerified(StaffPrincipal who, HttpServletRequest request, HttpServletResponse response) {
        establish(who, PasswordStep.PASSWORD_VERIFIED, request, response);
    }

    private void establish(StaffPrincipal who, String authority, HttpServletRequest request,
            HttpServletResponse response) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(who, null,
                List.of(new SimpleGrantedAuthority(authority)));
        // A new session id at the moment privileges rise defeats session fixation.
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    void abandon(HttpServletRequest request) {
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
