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
 */
@Component
class DirectErrorRequests implements HandlerInterceptor, WebMvcConfigurer {

    private final String errorPath;

    // Spring Boot's own setting, not ours, so no record of ours: read with exactly the expression
    // Boot's error controller is mapped with, so the two can never name different paths.
    DirectErrorRequests(@Value("${server.error.path:${error.path:/error}}") String errorPath) {
        this.errorPath = errorPath;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(errorPath);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return false;
        }
        return true;
    }
}
