package org.exitwork.accounts.internal.resets;

import jakarta.servlet.http.HttpServletRequest;

import org.exitwork.accounts.internal.account.SessionGate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * After a full sign-in, while someone's reset of this account is unacknowledged, every page a
 * person opens leads to the notice first. The flag is set once at sign-in ({@link FullSignIn}), so
 * no other request asks the database; approving a reset ends the holder's sessions anyway.
 */
@Component
public class ResetNoticeGate extends SessionGate implements WebMvcConfigurer {

    static final String PENDING = "exitwork.reset-notice-pending";

    ResetNoticeGate() {
        // A form posted meanwhile comes from a page opened before the sign-in that raised the flag.
        super(PENDING, ResetNoticeController.PATH, false);
    }

    public static void remember(HttpServletRequest request) {
        raise(request, PENDING);
    }

    static void clear(HttpServletRequest request) {
        lower(request, PENDING);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns(ResetNoticeController.PATH, "/error", "/sign-in/**");
    }
}
