package org.exitwork.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The error page is where the container sends failed requests. Asked for directly, without an
 * error to show, it does not exist: 404, rather than Spring Boot's default of a 500 "something
 * went wrong on our side" for a request that went perfectly well.
 *
 * <p>Tomcat also sends here some requests it refuses before any filter ran, after reading their address (a
 * {@code TRACE}, more cookies than it reads): no filter chain wrote the page headers, so they are written here, and
 * under {@code /api/} the answer is a problem that names the status only ({@link RefusedAddress#statusOnly}), not
 * Spring Boot's JSON.
 */
@Component
class DirectErrorRequests implements HandlerInterceptor, WebMvcConfigurer {

    private final String errorPath;
    private final PublicAddress address;

    // Spring Boot's own setting, not ours, so no record of ours: read with exactly the expression
    // Boot's error controller is mapped with, so the two can never name different paths.
    DirectErrorRequests(@Value("${server.error.path:${error.path:/error}}") String errorPath, PublicAddress address) {
        this.errorPath = errorPath;
        this.address = address;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(errorPath);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (status == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return false;
        }
        if (response.getHeader("Content-Security-Policy") == null) {
            // No filter chain ran for this request: refused by the container itself.
            PageHeaders.write(response, address);
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (uri instanceof String path && path.startsWith("/api/") && status instanceof Integer code) {
                response.setStatus(code);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name());
                response.getOutputStream().write(RefusedAddress.statusOnly(code));
                return false;
            }
        }
        return true;
    }
}
