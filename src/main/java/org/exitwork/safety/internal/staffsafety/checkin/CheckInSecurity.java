package org.exitwork.safety.internal.staffsafety.checkin;

import org.exitwork.platform.PageHeaders;
import org.exitwork.platform.PublicAddress;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The phone's check-in pages ({@value CheckInCapabilities#PATH}/**) have a chain of their own, ordered
 * before the staff chain: no session is read or made, no sign-in asked, and the idle timeout (a filter of
 * the staff chain) never sees them, so "need help now" works however long the visit took. Only the
 * check-in capability counts, checked by {@link CheckInCapabilityController}; a staff session opens
 * nothing here. Spring's CSRF token lives in the session, so the controller checks its own (see there).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CheckInSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain checkIn(HttpSecurity http, PublicAddress address) throws Exception {
        http
                .securityMatcher(CheckInCapabilities.PATH + "/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> PageHeaders.apply(h, address));
        return http.build();
    }
}
