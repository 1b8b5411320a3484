package org.exitwork.accounts.internal.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.internal.signin.SignInLimits;
import org.exitwork.platform.ClientAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every anonymous form that checks a secret or starts costly work (the password, the second factor's
 * code, the first run) spends the client address's budget before anything else happens: no session is
 * read, no database asked, no audit entry written for a refused attempt. A flood from one address is
 * answered from memory and slows only that address. The refusal is held back a moment
 * ({@code exitwork.sign-in.refusal-hold}) without holding a thread, so a client that asks again at once
 * does not turn cheap refusals into a busy processor (within the {@link Tarpit}'s caps). Sits in the
 * filter chain right after the security headers are set, so the refusal carries them like any page.
 */
final class SignInThrottle extends OncePerRequestFilter {

    static final Set<String> PATHS = Set.of("/sign-in", "/sign-in/code", "/sign-in/enrol", "/sign-in/passkey",
            "/sign-in/passkey/options", "/setup");
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final SignInLimits limits;
    private final ClientAddresses addresses;
    private final TooManyAttemptsPage page;
    private final Tarpit tarpit = new Tarpit();

    SignInThrottle(SignInLimits limits, ClientAddresses addresses, TooManyAttemptsPage page) {
        this.limits = limits;
        this.addresses = addresses;
        this.page = page;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()))) {
            String address = addresses.of(request);
            long wait = limits.perAddress().take(address);
            if (wait > 0) {
                refuse(request, response, address, wait);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String address, long wait)
            throws IOException {
        Duration hold = limits.refusalHold();
        if (hold.isZero() || !request.isAsyncSupported() || !tarpit.enter(address)) {
            page.write(request, response, wait);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(hold.toMillis() + 30_000);
        limits.later(hold, () -> {
            try {
                page.write((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(),
                        Math.max(1, wait - hold.toSeconds()));
            } catch (IOException | RuntimeException gone) {
                // The client left while held: nobody to answer.
                log.debug("held refusal not delivered", gone);
            } finally {
                tarpit.leave(address);
                async.complete();
            }
        });
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
