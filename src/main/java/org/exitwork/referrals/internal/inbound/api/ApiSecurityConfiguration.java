package org.exitwork.referrals.internal.inbound.api;

import org.exitwork.platform.ClientAddresses;
import org.exitwork.platform.PageHeaders;
import org.exitwork.platform.PublicAddress;
import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.referrals.internal.inbound.credentials.CredentialStore;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The partner API's own security: {@code /api/**} except the OpenAPI document, ordered before the
 * staff chain. Stateless, no session, no CSRF, no sign-in: only a signed request counts
 * ({@link SignedRequestFilter}), and a staff session opens nothing here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiSecurityConfiguration {

    static final String OPENAPI = "/api/openapi.json";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain partnerApi(HttpSecurity http, CredentialStore credentials, NonceStore nonces, RateLimit rate,
            FailedCallLimit failedCalls, ClientAddresses addresses, Clock clock, PublicAddress address) throws Exception {
        RequestMatcher api = new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(OPENAPI)));
        http
                .securityMatcher(api)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(new SignedRequestFilter(credentials, nonces, rate, failedCalls, addresses, clock),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/referrals")
                        .hasAuthority(Scope.SUBMIT_REFERRAL.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/referrals/*/information")
                        .hasAuthority(Scope.ADD_INFORMATION.authority())
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ApiProblem.unauthorized(response))
                        .accessDeniedHandler((request, response, ex) -> ApiProblem.write(response,
                                HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                                "This credential is not for this operation.")))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .frameOptions(f -> f.deny())
                        // Like the pages: behind a TLS-terminating proxy the public address decides, not the request.
                        .httpStrictTransportSecurity(hsts -> {
                            if (address.secure()) {
                                hsts.requestMatcher(AnyRequestMatcher.INSTANCE).maxAgeInSeconds(PageHeaders.HSTS_SECONDS);
                            }
                        }));
        return http.build();
    }
}
