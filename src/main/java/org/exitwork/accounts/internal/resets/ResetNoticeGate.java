package org.exitwork.accounts.internal.resets;

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
 * After a full sign-in, while someone's reset of this account is unacknowledged, every page a
 * person opens leads to the notice first. The flag is set once at sign-in ({@link FullSignIn}), so
 * no other request asks the database; approving a reset ends the holder's sessions anyway.
 */
@Component
public class ResetNoticeGate implements HandlerInterceptor, WebMvcConfigurer {

    static final String PENDING = "exitwork.reset-notice-pending";

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
        registry.addInterceptor(this).excludePathPatterns(ResetNoticeController.PATH, "/error", "/sign-in/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        // Pages only: style sheets, scripts and other static files load as usual.
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(PENDING) == null || !"GET".equals(request.getMethod())
                || request.getHeader(IdleTimeout.BACKGROUND) != null) {
            return true;
        }
        String target = request.getContextPath() + ResetNoticeController.PATH;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_OK);
        } else {
            response.sendRedirect(target);
        }
        return false;
    }
}
