package org.exitwork.accounts.internal.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.IdleTimeout;
import org.exitwork.accounts.internal.signin.FullSignIn;
import org.exitwork.accounts.internal.signin.SignInService;
import org.exitwork.platform.DateFormats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the fully signed-in staff member into every page's model as {@code me}, for the layout; and,
 * on the first whole page after a sign-in, the failed attempts on the account since the last one
 * ({@code failedAttempts}, a sentence), which is then cleared: the holder sees it once.
 */
@ControllerAdvice
class SignedInModel implements HandlerInterceptor, WebMvcConfigurer {

    private final MessageSource messages;
    private final DateFormats dates;

    SignedInModel(MessageSource messages, DateFormats dates) {
        this.messages = messages;
        this.dates = dates;
    }

    @ModelAttribute("me")
    StaffPrincipal me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof StaffPrincipal who
                && !SecurityConfiguration.hasOnlyPasswordStep(auth)) {
            return who;
        }
        return null;
    }

    @ModelAttribute("failedAttempts")
    String failedAttempts(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || me() == null
                || !(session.getAttribute(FullSignIn.FAILED_ATTEMPTS) instanceof SignInService.FailedAttempts seen)) {
            return null;
        }
        Locale language = LocaleContextHolder.getLocale();
        return messages.getMessage("sign-in.failed-attempts",
                new Object[] {seen.count(), dates.dateTime(seen.latest(), language)}, language);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/error");
    }

    /** Shown means rendered as a whole page: not a redirect, not a fragment fetched in the background. */
    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView page) {
        if (page == null || page.getModel().get("failedAttempts") == null || page.getViewName() == null
                || page.getViewName().startsWith("redirect:") || request.getHeader("HX-Request") != null
                || request.getHeader(IdleTimeout.BACKGROUND) != null) {
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(FullSignIn.FAILED_ATTEMPTS);
        }
    }
}
