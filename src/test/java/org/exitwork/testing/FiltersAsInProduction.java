package org.exitwork.testing;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every test on a real port: the application's form-token store is still the one production runs.
 * Spring Security's MockMvc {@code csrf()} replaces the CSRF filter's store in the shared application for
 * every later class, Chromium's and real HTTP's requests included, so what those classes then test is no
 * longer what users meet (it hid, and then falsely showed, sessions started by posts from nobody).
 * Use {@link Fixtures#formTokenWaived()} on such an application.
 */
public class FiltersAsInProduction implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        assertThat(formTokenStores(application)).as("the form-token store of every filter chain that checks form"
                + " tokens, after " + context.getDisplayName()).isNotEmpty()
                .allSatisfy(store -> assertThat(store).isEqualTo("FormTokens"));
    }

    static List<String> formTokenStores(ApplicationContext application) {
        List<String> stores = new ArrayList<>();
        for (var chain : application.getBean(FilterChainProxy.class).getFilterChains()) {
            for (Filter filter : chain.getFilters()) {
                if (filter instanceof CsrfFilter csrf) {
                    CsrfTokenRepository store = (CsrfTokenRepository) ReflectionTestUtils.getField(csrf, "tokenRepository");
                    stores.add(store.getClass().getSimpleName());
                }
            }
        }
        return stores;
    }
}
