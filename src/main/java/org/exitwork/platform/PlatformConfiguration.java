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

    /** The page's language, German or English ({@link TwoLanguages}). */
    @Bean
    LocaleResolver localeResolver(PublicAddress address) {
        return new TwoLanguages(address.secure());
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
