package org.exitwork.platform;

import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The page's language: the one chosen (a cookie, so it survives sign-out and needs no server state), else the
 * browser's. Only the two languages Exitwork speaks: any other choice ({@code ?lang=xx}, {@code ?lang=ar-SA})
 * is English, in the cookie and on the page (its {@code lang} attribute, its dates), and a cookie that names
 * no language at all (sent by hand) counts as none rather than failing every page.
 */
final class TwoLanguages extends CookieLocaleResolver {

    TwoLanguages(boolean secureCookie) {
        super("exitwork-lang");
        setRejectInvalidCookies(false);
        setDefaultLocaleFunction(request -> supported(request.getLocale()));
        setCookieMaxAge(java.time.Duration.ofDays(365));
        setCookieSameSite("Strict");
        setCookieHttpOnly(true);
        setCookieSecure(secureCookie);
    }

    /** German or English. */
    static Locale supported(Locale locale) {
        return locale != null && locale.getLanguage().equals("de") ? Locale.GERMAN : Locale.ENGLISH;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return supported(super.resolveLocale(request));
    }

    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        LocaleContext context = super.resolveLocaleContext(request);
        // Asked each time, like the resolver's own: ?lang= changes the language later in the same request.
        return new TimeZoneAwareLocaleContext() {
            @Override
            public Locale getLocale() {
                return supported(context.getLocale());
            }

            @Override
            public TimeZone getTimeZone() {
                return context instanceof TimeZoneAwareLocaleContext aware ? aware.getTimeZone() : null;
            }
        };
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        Locale chosen = context == null ? null : context.getLocale();
        super.setLocaleContext(request, response, chosen == null ? null : new SimpleLocaleContext(supported(chosen)));
    }
}
