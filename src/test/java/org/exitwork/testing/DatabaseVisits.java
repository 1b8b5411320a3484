package org.exitwork.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the database connections a thread takes while it is watched, and who took each: the HTTP
 * session store (Spring Session's read and write around a request) or Exitwork's own code. A
 * connection is a transaction or a statement outside one, so a page that takes one connection for its
 * content read it in one transaction.
 */
public final class DatabaseVisits implements BeanPostProcessor {

    /** One connection taken: by the session store, or by Exitwork (its frames, innermost first). */
    public record Visit(boolean sessionStore, List<String> frames) {
        @Override
        public String toString() {
            return sessionStore ? "session store" : String.join(" < ", frames);
        }
    }

    private static final ThreadLocal<List<Visit>> WATCHED = new ThreadLocal<>();

    /** Starts watching this thread. */
    public static void watch() {
        WATCHED.set(new ArrayList<>());
    }

    /** Stops watching this thread; what it took since {@link #watch()}. */
    public static List<Visit> stop() {
        List<Visit> visits = WATCHED.get();
        WATCHED.remove();
        return visits == null ? List.of() : visits;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Counted)) {
            return new Counted(dataSource);
        }
        return bean;
    }

    private static void taken() {
        List<Visit> visits = WATCHED.get();
        if (visits == null) {
            return;
        }
        List<String> frames = StackWalker.getInstance().walk(s -> s
                .filter(f -> f.getClassName().startsWith("org.exitwork.") && !f.getClassName().startsWith("org.exitwork.testing.")
                        || f.getClassName().startsWith("org.springframework.session."))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .collect(Collectors.toList()));
        boolean session = StackWalker.getInstance().walk(s -> s
                .filter(f -> f.getClassName().startsWith("org.exitwork.") && !f.getClassName().startsWith("org.exitwork.testing.")
                        || f.getClassName().startsWith("org.springframework.session."))
                .findFirst().map(f -> f.getClassName().startsWith("org.springframework.session.")).orElse(false));
        visits.add(new Visit(session, frames));
    }

    private static final class Counted extends DelegatingDataSource {
        Counted(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            taken();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            taken();
            return super.getConnection(username, password);
        }
    }
}
