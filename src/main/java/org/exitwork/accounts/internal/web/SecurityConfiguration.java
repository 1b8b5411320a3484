package org.exitwork.accounts.internal.web;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.IdleTimeout;
import org.exitwork.accounts.internal.signin.PasswordStep;
import org.exitwork.accounts.internal.signin.SignInDetails;
import org.exitwork.accounts.internal.signin.SignInLimits;
import org.exitwork.accounts.internal.signin.SignInService;
import org.exitwork.platform.ClientAddresses;
import org.exitwork.platform.PageHeaders;
import org.exitwork.platform.PublicAddress;
import org.exitwork.platform.StaticFiles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.HeaderWriterLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ClearSiteDataHeaderWriter;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Who may reach what. Public: sign-in, first run, health, static files. The rest of the sign-in
 * needs a verified password; everything else needs both factors (a role). Each module narrows its
 * own pages further with {@code @PreAuthorize}. Static files have a chain of their own that never
 * touches the session, with the same headers as every page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * Style sheets, scripts, icons: public and the same for everyone, so no session is loaded, created
     * or written for them (a browser fetches several at once; see {@link StaticFiles}). Not
     * {@code web.ignoring()}: the responses keep every header a page has.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain staticFiles(HttpSecurity http, org.exitwork.platform.PublicAddress address) throws Exception {
        http
                .securityMatcher(StaticFiles.PATTERNS.toArray(String[]::new))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // Each of these would look at the session: the anonymous visitor's details name its id,
                // session management asks for the context, a token would be looked up in it. Nothing
                // here changes anything, and nobody is anybody.
                .sessionManagement(s -> s.disable())
                .anonymous(a -> a.disable())
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> PageHeaders.apply(h, address));
        return http.build();
    }

    /**
     * A request the firewall refuses (an encoded or doubled slash, a path parameter, {@code ..}) is answered
     * 400 before any filter chain runs, so none of them writes the headers every other answer has: they are
     * written here, before the error page is rendered onto the answer. Under {@code /api/} the callers are
     * partners' systems, which read every other error of the API as an RFC 9457 problem: so is this one.
     */
    @Bean
    RequestRejectedHandler requestRejected(PublicAddress address) {
        return (request, response, rejected) -> {
            PageHeaders.write(response, address);
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name());
                response.getOutputStream().write(org.exitwork.platform.RefusedAddress.problem(HttpServletResponse.SC_BAD_REQUEST));
                return;
            }
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        };
    }

    /**
     * Writes the time of a new session's first activity as the session is created (see
     * {@link IdleTimeout.SessionStart}), right after the session store's filter and the sessions' binding, and
     * before everything else that may create a session.
     */
    @Bean
    FilterRegistrationBean<IdleTimeout.SessionStart> sessionStart(java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${spring.session.servlet.filter-order:"
                    + SessionRepositoryFilter.DEFAULT_ORDER + "}") int sessionFilterOrder) {
        FilterRegistrationBean<IdleTimeout.SessionStart> registration = new FilterRegistrationBean<>(
                new IdleTimeout.SessionStart(clock));
        registration.setOrder(sessionFilterOrder + 2);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    /** Right after the session store's filter, before anything reads a session: see {@link BoundSessions}. */
    @Bean
    FilterRegistrationBean<BoundSessions> boundSessions(org.exitwork.keys.SystemSecrets secrets,
            @org.springframework.beans.factory.annotation.Value("${spring.session.servlet.filter-order:"
                    + SessionRepositoryFilter.DEFAULT_ORDER + "}") int sessionFilterOrder) {
        FilterRegistrationBean<BoundSessions> registration = new FilterRegistrationBean<>(
                new BoundSessions(secrets));
        registration.setOrder(sessionFilterOrder + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, PasswordStep passwordStep, SignInService signIn,
            SecurityContextRepository contexts, java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${server.servlet.session.timeout}") java.time.Duration idle,
            org.exitwork.platform.PublicAddress address, SignInLimits limits, ClientAddresses addresses,
            TooManyAttemptsPage tooMany, java.util.List<LogoutHandler> atSignOut)
            throws Exception {
        SimpleUrlAuthenticationFailureHandler failed = new SimpleUrlAuthenticationFailureHandler("/sign-in?failed");
        // The page says "failed" from its address; keeping the exception would start a session per failed attempt.
        failed.setAllowSessionCreation(false);
        String[] allRoles = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
        String[] staffRoles = Arrays.stream(Role.values()).filter(Role::isStaff).map(Role::name)
                .toArray(String[]::new);
        http
                // The password step alone, without a parent manager: a provider that is also a bean would
                // otherwise be asked again by the global manager after a failure, counting every failure twice.
                .authenticationManager(new ProviderManager(List.of(passwordStep)))
                .securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/error").permitAll()
                        .requestMatchers("/setup", "/sign-in").permitAll()
                        // A passkey is a whole sign-in by itself (the device verifies its user), so it
                        // starts without a password; after one it stands in for the code.
                        .requestMatchers("/sign-in/passkey", "/sign-in/passkey/options").permitAll()
                        // The links handed to partners (R9, R11, R17): the token is the credential; disclosure
                        // checks it (a share, a service request, a funder report, a referral form).
                        .requestMatchers(PARTNER_LINKS).permitAll()
                        // Referrals in (R7): the one-time-link form and the partner API's description;
                        // the API itself has its own chain (referrals.internal.inbound.api.ApiSecurityConfiguration).
                        .requestMatchers("/referral-form/**", "/api/openapi.json").permitAll()
                        .requestMatchers("/sign-in/**").hasAuthority(PasswordStep.PASSWORD_VERIFIED)
                        // A peer of another organisation (R16) reaches the home redirect, the
                        // cross-evaluation groups and the notice of a reset of their own account; every
                        // other page, present or added later, answers a peer 403 here, before any controller.
                        .requestMatchers(PEER_PATHS).hasAnyRole(allRoles)
                        .anyRequest().hasAnyRole(staffRoles))
                .formLogin(form -> form
                        .loginPage("/sign-in")
                        .loginProcessingUrl("/sign-in")
                        .defaultSuccessUrl("/sign-in/continue", true)
                        .authenticationDetailsSource(request -> new SignInDetails(addresses.of(request)))
                        // Refused for this name from this address: the same calm page as a flood gets.
                        .failureHandler((request, response, exception) -> {
                            if (exception instanceof PasswordStep.AttemptsRefused refused) {
                                tooMany.write(request, response, refused.seconds());
                            } else {
                                failed.onAuthenticationFailure(request, response, exception);
                            }
                        }))
                .logout(logout -> logout
                        .logoutUrl("/sign-out")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal who
                                    && !hasOnlyPasswordStep(authentication)) {
                                signIn.signedOut(who);
                            }
                        })
                        // What the check-in pages kept on the device (their queue and its key, the kept pages)
                        // goes at sign-out: the browser clears it where it honours the header (https), and
                        // the signed-out page's script (signed-out.js) does it everywhere else.
                        .addLogoutHandler(new HeaderWriterLogoutHandler(new ClearSiteDataHeaderWriter(
                                ClearSiteDataHeaderWriter.Directive.CACHE, ClearSiteDataHeaderWriter.Directive.STORAGE)))
                        // What other modules end on the device at sign-out (safety: the phone's check-in cookie).
                        .addLogoutHandler(new CompositeLogoutHandler(atSignOut))
                        .logoutSuccessUrl("/sign-in?signed-out"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(signInPage())
                        .accessDeniedHandler(accessDenied()))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                // Nobody's request for a staff page is not kept for after the sign-in: signing in always goes
                // on to its second step, never back, and keeping it started a session (a stored row) per request.
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                // The forms behind partners' links have no form token: the link is the credential, nobody is
                // signed in, and a page that kept a session for its token would stop working after the idle
                // time (sent to sign in, or 403), on a phone left with the page open or a referral that took
                // long to write.
                .csrf(c -> c.ignoringRequestMatchers(PARTNER_LINKS).csrfTokenRepository(new FormTokens(address.secure())))
                // Right after the security headers, before anything reads the session (CSRF does).
                .addFilterAfter(new SignInThrottle(limits, addresses, tooMany), HeaderWriterFilter.class)
                .addFilterBefore(new IdleTimeout(clock, idle, partnerLinks()),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .headers(h -> PageHeaders.apply(h, address));
        return http.build();
    }

    /**
     * Every address of the links handed to partners (a share, a service request, a referral form, a funder
     * report): their pages and the forms behind them. Nobody signs in there, so their forms carry no form
     * token and the idle check does not look at them.
     */
    private static final String[] PARTNER_LINKS = { "/shared/*", "/service-request/*", "/service-request/*/open",
            "/service-request/*/pdf", "/referral-form/*", "/funded/*", "/funded/*/open", "/funded/*/report.pdf",
            "/funded/*/report.csv" };

    private static RequestMatcher partnerLinks() {
        return new OrRequestMatcher(Arrays.stream(PARTNER_LINKS)
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());
    }

    /** Everything a peer may ask for (the quality module's groups); the rest is the organisation's staff's. */
    static final String[] PEER_PATHS = { "/", "/peer-groups", "/peer-groups/**", "/account/reset-notice" };

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
            if (exception instanceof org.springframework.security.web.csrf.CsrfException
                    && "POST".equals(request.getMethod())
                    && ((request.getContextPath() + "/sign-out").equals(request.getRequestURI())
                            || (request.getContextPath() + "/sign-in").equals(request.getRequestURI()))
                    && (auth == null || !auth.isAuthenticated()
                            || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken)) {
                // Signing out, or in, from a page whose session has already ended (its form's token went with it):
                // the person is told their time ran out and shown the sign-in page rather than refused. Nothing is
                // done on such a post, so a post from another site changes nothing either.
                response.sendRedirect(request.getContextPath() + "/sign-in?timed-out");
                return;
            }
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
