package org.exitwork.accounts.internal.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A step a person takes right after signing in, before any other page: while its flag stands in the
 * session, every page leads to the step's own page. The flag is set once at sign-in, so no other
 * request asks the database. Static files and the idle timeout's background calls pass as usual.
 */
public abstract class SessionGate implements HandlerInterceptor {

    private final String flag;
    private final String path;
    private final boolean formsRefused;

    /**
     * @param formsRefused whether a form posted meanwhile is refused (403) or, since it can only come from
     *     a page opened before the flag was set, lets through
     */
    protected SessionGate(String flag, String path, boolean formsRefused) {
        this.flag = flag;
        this.path = path;
        this.formsRefused = formsRefused;
    }

    protected static void raise(HttpServletRequest request, String flag) {
        request.getSession().setAttribute(flag, Boolean.TRUE);
    }

    protected static void lower(HttpServletRequest request, String flag) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(flag);
        }
    }

    @Override
    public final boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(flag) == null
                || request.getHeader(IdleTimeout.BACKGROUND) != null) {
            return true;
        }
        if (!"GET".equals(request.getMethod())) {
            if (!formsRefused) {
                return true;
            }
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        String target = request.getContextPath() + path;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_OK);
        } else {
            response.sendRedirect(target);
        }
        return false;
    }
}
