package org.exitwork.accounts.internal.web;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.IdleTimeout;
import org.exitwork.accounts.internal.signin.PasswordStep;
import org.exitwork.accounts.internal.signin.SignInService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Who may reach what. Public: sign-in, first run, health, static files. The rest of the sign-in
 * needs a verified password; everything else needs both factors (a role). Each module narrows its
 * own pages further with {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfiguration {

    /** A year: browsers keep to https that long after the last visit. */
    static final long HSTS_SECONDS = 31_536_000;

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    SecurityFilterChain web(HttpSecurity http, PasswordStep passwordStep, SignInService signIn,
            SecurityContextRepository contexts, java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${server.servlet.session.timeout}") java.time.Duration idle,
            org.exitwork.platform.PublicAddress address)
            throws Exception {
        String[] allRoles = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
        http
                .authenticationProvider(passwordStep)
                .securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg",
                                "/error")
                        .permitAll()
                        .requestMatchers("/setup", "/sign-in").permitAll()
                        // A share's download link (R9): the token is the credential; disclosure checks it.
                        .requestMatchers("/shared/*").permitAll()
                        // Referrals in (R7): the one-time-link form and the partner API's description;
                        // the API itself has its own chain (referrals.internal.inbound.api.ApiSecurityConfiguration).
                        .requestMatchers("/referral-form/**", "/api/openapi.json").permitAll()
                        .requestMatchers("/sign-in/**").hasAuthority(PasswordStep.PASSWORD_VERIFIED)
                        .anyRequest().hasAnyRole(allRoles))
                .formLogin(form -> form
                        .loginPage("/sign-in")
                        .loginProcessingUrl("/sign-in")
                        .defaultSuccessUrl("/sign-in/continue", true)
                        .failureUrl("/sign-in?failed"))
                .logout(logout -> logout
                        .logoutUrl("/sign-out")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal who
                                    && !hasOnlyPasswordStep(authentication)) {
                                signIn.signedOut(who);
                            }
                        })
                        .logoutSuccessUrl("/sign-in?signed-out"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(signInPage())
                        .accessDeniedHandler(accessDenied()))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .addFilterBefore(new IdleTimeout(clock, idle),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()"))
                        // Behind a TLS-terminating proxy the request itself looks insecure; the public address decides.
                        .httpStrictTransportSecurity(hsts -> {
                            if (address.secure()) {
                                hsts.requestMatcher(AnyRequestMatcher.INSTANCE).maxAgeInSeconds(HSTS_SECONDS);
                            }
                        }));
        return http.build();
    }

    /** The way to sign in as a path: the request's Host header never chooses where the browser goes. */
    private static LoginUrlAuthenticationEntryPoint signInPage() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/sign-in");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    /** Someone half-way through signing in is sent on to the next step rather than refused. */
    private static AccessDeniedHandler accessDenied() {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            Authentication auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication();
            if (auth != null && hasOnlyPasswordStep(auth) && "GET".equals(request.getMethod())) {
                response.sendRedirect(request.getContextPath() + "/sign-in/continue");
                return;
            }
            if (auth != null && hasOnlyPasswordStep(auth)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            // Already fully signed in: the sign-in steps have nothing left to do.
            if (auth != null && "GET".equals(request.getMethod())
                    && request.getRequestURI().startsWith(request.getContextPath() + "/sign-in/")) {
                response.sendRedirect(request.getContextPath() + "/");
                return;
            }
            forbidden.handle(request, response, exception);
        };
    }

    static boolean hasOnlyPasswordStep(Authentication auth) {
        return auth.getAuthorities().stream().allMatch(a -> PasswordStep.PASSWORD_VERIFIED.equals(a.getAuthority()));
    }
}
