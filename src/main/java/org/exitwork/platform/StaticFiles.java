package org.exitwork.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The files a browser fetches by itself, several at once, for every page: style sheets, scripts,
 * icons, images, fonts and the web app's manifest and service worker. They are public, the same for
 * everyone, and never touch the session: loading or writing a session for each of them raced in the
 * session store (two first writes of one attribute), and nothing in them depends on who asks. The
 * security chain of these paths keeps no session ({@code accounts}), and Spring MVC's flash attributes
 * are not looked up for them ({@link PlatformConfiguration}).
 */
public final class StaticFiles {

    /** The paths, in the syntax of Spring's path patterns. */
    public static final List<String> PATTERNS = List.of("/css/**", "/js/**", "/webjars/**", "/images/**",
            "/fonts/**", "/icons/**", "/favicon.ico", "/favicon.svg", "/*.webmanifest", "/check-in-sw.js");

    private static final List<PathPattern> PARSED = PATTERNS.stream().map(PathPatternParser.defaultInstance::parse)
            .toList();

    private StaticFiles() {
    }

    public static boolean isStatic(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return PARSED.stream().anyMatch(p -> p.matches(path));
    }
}
