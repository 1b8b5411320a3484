package org.exitwork.accounts.internal.passkeys;

import jakarta.servlet.http.HttpServletRequest;

import org.exitwork.accounts.internal.account.SessionGate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Where the organisation requires passkeys of managers and administrators, one who has none is led
 * to register one right after signing in, and reaches no other page until it is done: every page
 * sends them to {@code /profile/passkeys}, every other form is refused (403). The flag is set at
 * sign-in, so no other request asks the database; signing out stays possible.
 */
@Component
public class PasskeyGate extends SessionGate implements WebMvcConfigurer {

    static final String PENDING = "exitwork.passkey-required";

    PasskeyGate() {
        super(PENDING, PasskeyController.PATH, true);
    }

    public static void remember(HttpServletRequest request) {
        raise(request, PENDING);
    }

    static void clear(HttpServletRequest request) {
        lower(request, PENDING);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns(PasskeyController.PATH, PasskeyController.PATH + "/**",
                // The notice of a reset comes first (its own gate), then the passkey.
                "/account/reset-notice", "/error", "/sign-in", "/sign-in/**");
    }
}
