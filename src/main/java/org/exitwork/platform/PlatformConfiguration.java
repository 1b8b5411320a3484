package org.exitwork.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.support.SessionFlashMapManager;

@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration implements WebMvcConfigurer {

    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** "Past" and "future" in forms mean the application's clock, the same one the services use. */
    @Bean
    org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer validationClock(
            org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        return configuration -> configuration.clockProvider(clock::getObject);
    }

    /**
     * The chosen language lives in a cookie, so it survives sign-out and needs no server state. Only the two
     * languages there are: any other choice ({@code ?lang=xx}, {@code ?lang=ar-SA}) is English, in the cookie
     * and on the page (its {@code lang} attribute, its dates), and a cookie that names no language at all
     * (sent by hand) counts as none rather than failing every page.
     */
    @Bean
    LocaleResolver localeResolver(PublicAddress address) {
        CookieLocaleResolver resolver = new CookieLocaleResolver("exitwork-lang") {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return supported(super.resolveLocale(request));
            }

            @Override
            public org.springframework.context.i18n.LocaleContext resolveLocaleContext(HttpServletRequest request) {
                org.springframework.context.i18n.LocaleContext context = super.resolveLocaleContext(request);
                // Asked each time, like the resolver's own: ?lang= changes the language later in the same request.
                return new org.springframework.context.i18n.TimeZoneAwareLocaleContext() {
                    @Override
                    public Locale getLocale() {
                        return supported(context.getLocale());
                    }

                    @Override
                    public java.util.TimeZone getTimeZone() {
                        return context instanceof org.springframework.context.i18n.TimeZoneAwareLocaleContext aware
                                ? aware.getTimeZone() : null;
                    }
                };
            }

            @Override
            public void setLocaleContext(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                    org.springframework.context.i18n.LocaleContext context) {
                Locale chosen = context == null ? null : context.getLocale();
                super.setLocaleContext(request, response,
                        chosen == null ? null : new org.springframework.context.i18n.SimpleLocaleContext(supported(chosen)));
            }
        };
        resolver.setRejectInvalidCookies(false);
        resolver.setDefaultLocaleFunction(request -> {
            Locale requested = request.getLocale();
            return requested != null && requested.getLanguage().equals("de") ? Locale.GERMAN : Locale.ENGLISH;
        });
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Strict");
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSecure(address.secure());
        return resolver;
    }

    /** German or English: the languages Exitwork speaks. */
    static Locale supported(Locale locale) {
        return locale != null && locale.getLanguage().equals("de") ? Locale.GERMAN : Locale.ENGLISH;
    }

    /**
     * Flash attributes (a notice after a redirect) live in the session; static files never have any,
     * so asking for them must not load the session ({@link StaticFiles}).
     */
    @Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
    FlashMapManager flashMapManager() {
        return new SessionFlashMapManager() {
            @Override
            protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
                return StaticFiles.isStatic(request) ? null : super.retrieveFlashMaps(request);
            }
        };
    }

    /** The session cookie, like every other, only over TLS when Exitwork is reached over https. */
    @Bean
    org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer secureSessionCookie(
            PublicAddress address) {
        return serializer -> {
            if (address.secure()) {
                serializer.setUseSecureCookie(true);
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }
}
