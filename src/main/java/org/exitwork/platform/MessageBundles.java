package org.exitwork.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The texts of every module: each {@code i18n/<bundle>.properties} on the class path (with its
 * {@code _de} translation) is a bundle, found when the application starts, so a module that adds a
 * bundle lists it nowhere. No key is defined in two bundles ({@code MessageBundlesTest}), so their
 * order does not matter.
 */
@Configuration(proxyBeanMethods = false)
public class MessageBundles {

    static final String PATTERN = "classpath*:i18n/*.properties";
    /** A translation ({@code cases_de.properties}); the bundle is named by its original. */
    private static final Pattern TRANSLATION = Pattern.compile(".*_[a-z]{2}(_[A-Z]{2})?\\.properties");

    /** Named {@code messageSource}, so Spring Boot's own (which needs a list of names) steps back. */
    @Bean
    MessageSource messageSource() {
        return messageSource(new PathMatchingResourcePatternResolver());
    }

    /** The message source over every bundle {@code resources} finds. */
    public static ResourceBundleMessageSource messageSource(ResourcePatternResolver resources) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBundleClassLoader(resources.getClassLoader());
        messages.setBasenames(baseNames(resources).toArray(String[]::new));
        messages.setDefaultEncoding("UTF-8");
        // Only English and German exist; the server's own language must not decide which is shown.
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** {@code i18n/accounts}, {@code i18n/audit}, ...: one per original bundle, sorted. */
    public static List<String> baseNames(ResourcePatternResolver resources) {
        try {
            return Arrays.stream(resources.getResources(PATTERN))
                    .map(Resource::getFilename)
                    .filter(Objects::nonNull)
                    .filter(name -> !TRANSLATION.matcher(name).matches())
                    .map(name -> "i18n/" + name.substring(0, name.length() - ".properties".length()))
                    .distinct()
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the message bundles", e);
        }
    }
}
