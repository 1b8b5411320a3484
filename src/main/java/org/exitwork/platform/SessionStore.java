package org.exitwork.platform;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The HTTP sessions in the database ({@code spring_session*}). Two requests of one session that both
 * write an attribute the session did not have yet would both insert it, and the second would fail
 * on the key; on PostgreSQL the insert becomes an upsert (Spring Session's own customizer for it).
 * The session's own first write, the time of the last activity, is made as the session is created
 * ({@code accounts}), so on H2 too no two requests insert it.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> concurrentAttributeWrites(DataSource dataSource) {
        return repository -> {
            if (postgres(dataSource)) {
                new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
            }
        };
    }

    /**
     * The database keeps a session's id as the hash of its cookie's token ({@link HashedSessionIds}). In the
     * web application only: the commands (verify-audit, backup, ...) start without a web server and have no
     * session cookie to read.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    HashedSessionIds hashedSessionIds(CookieSerializer cookieSerializer) {
        return new HashedSessionIds(cookieSerializer);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> hashedIds(HashedSessionIds ids) {
        return repository -> repository.setSessionIdGenerator(ids);
    }

    /**
     * The filter reads and writes the cookie through {@link HashedSessionIds}. Set on the filter rather than
     * declared as the application's resolver, so that Spring Boot still makes the cookie serializer from
     * {@code server.servlet.session.cookie.*} (and {@code PlatformConfiguration}'s Secure flag).
     */
    @Bean
    static BeanPostProcessor hashedSessionCookies(ObjectProvider<HashedSessionIds> ids) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof SessionRepositoryFilter<?> filter) {
                    filter.setHttpSessionIdResolver(ids.getObject().resolver());
                }
                return bean;
            }
        };
    }

    private static boolean postgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equals(product);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database holds the sessions", e);
        }
    }
}
