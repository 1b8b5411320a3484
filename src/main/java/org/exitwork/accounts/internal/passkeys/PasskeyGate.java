package org.exitwork.accounts.internal.passkeys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.exitwork.accounts.internal.account.IdleTimeout;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Where the organisation requires passkeys of managers and administrators, one who has none is led
 * to register one right after signing in, and reaches no other page until it is done: every page
 * sends them to {@code /profile/passkeys}, every other form is refused (403). The flag is set at
 * sign-in, so no other request asks the database; signing out stays possible.
 */
@Component
public class PasskeyGate implements HandlerInterceptor, WebMvcConfigurer {

    static final String PENDING = "exitwork.passkey-required";

    public static void remember(HttpServletRequest request) {
        request.getSession().setAttribute(PENDING, Boolean.TRUE);
    }

    static void clear(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns(PasskeyController.PATH, PasskeyController.PATH + "/**",
                // The notice of a reset comes first (its own gate), then the passkey.
                "/account/reset-notice", "/error", "/sign-in", "/sign-in/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(PENDING) == null
                || request.getHeader(IdleTimeout.BACKGROUND) != null) {
            return true;
        }
        if (!"GET".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        String target = request.getContextPath() + PasskeyController.PATH;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_OK);
        } else {
            response.sendRedirect(target);
        }
        return false;
    }
}
