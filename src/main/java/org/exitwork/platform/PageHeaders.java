package org.exitwork.platform;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The security headers of every page and every file the browser loads, whichever filter chain answers
 * (staff pages, static files, the check-in pages a phone keeps): one policy, written once.
 */
public final class PageHeaders {

    /** Scripts, styles, the check-in's service worker and manifest only from files of this site. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()";

    /** A year: browsers keep to https that long after the last visit. */
    public static final long HSTS_SECONDS = 31_536_000;

    private PageHeaders() {
    }

    public static void apply(HeadersConfigurer<HttpSecurity> headers, PublicAddress address) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(p -> p.policy(PERMISSIONS_POLICY))
                // Behind a TLS-terminating proxy the request itself looks insecure; the public address decides.
                .httpStrictTransportSecurity(hsts -> {
                    if (address.secure()) {
                        hsts.requestMatcher(AnyRequestMatcher.INSTANCE).maxAgeInSeconds(HSTS_SECONDS);
                    }
                });
    }

    /**
     * The same headers, written by hand on an answer that no filter chain gives (a request the firewall
     * refuses before any chain runs), never stored by anyone.
     */
    public static void write(jakarta.servlet.http.HttpServletResponse response, PublicAddress address) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", ReferrerPolicy.NO_REFERRER.getPolicy());
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("Cache-Control", "no-store");
        if (address.secure()) {
            response.setHeader("Strict-Transport-Security", "max-age=" + HSTS_SECONDS + " ; includeSubDomains");
        }
    }
}
