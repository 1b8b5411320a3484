package org.exitwork.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Watches what a thread does with the database while it is watched: the connections it takes, and who
 * took each (the HTTP session store, Spring Session's read and write around a request, or Exitwork's own
 * code), and the tables it wrote to in work that was committed. A connection is a transaction or a
 * statement outside one, so a page that takes one connection for its content read it in one
 * transaction; a request whose committed writes are empty changed nothing, not even a row in place.
 */
public final class DatabaseVisits implements BeanPostProcessor {

    /** One connection taken: by the session store, or by Exitwork (its frames, innermost first). */
    public record Visit(boolean sessionStore, List<String> frames) {
        @Override
        public String toString() {
            return sessionStore ? "session store" : String.join(" < ", frames);
        }
    }

    /** What a watched thread did: the connections it took and the tables of the writes it committed. */
    public record Watched(List<Visit> visits, List<String> committedWrites) {
    }

    private static final ThreadLocal<Watched> WATCHED = new ThreadLocal<>();
    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+([A-Za-z0-9_.\"]+)",
            Pattern.CASE_INSENSITIVE);

    /** Starts watching this thread. */
    public static void watch() {
        WATCHED.set(new Watched(new ArrayList<>(), new ArrayList<>()));
    }

    /** Stops watching this thread; the connections it took since {@link #watch()}. */
    public static List<Visit> stop() {
        return stopWatching().visits();
    }

    /** Stops watching this thread; all it did since {@link #watch()}. */
    public static Watched stopWatching() {
        Watched watched = WATCHED.get();
        WATCHED.remove();
        return watched == null ? new Watched(List.of(), List.of()) : watched;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Counted)) {
            return new Counted(dataSource);
        }
        return bean;
    }

    private static void taken() {
        Watched watched = WATCHED.get();
        if (watched == null) {
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
        watched.visits().add(new Visit(session, frames));
    }

    /** The table a statement writes to, lower case, or null when it writes nothing. */
    static String writtenTable(String sql) {
        Matcher m = WRITE.matcher(sql);
        return m.find() ? m.group(1).replace("\"", "").toLowerCase(Locale.ROOT) : null;
    }

    private static final class Counted extends DelegatingDataSource {
        Counted(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            taken();
            return tracked(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            taken();
            return tracked(super.getConnection(username, password));
        }

        private static Connection tracked(Connection connection) {
            Watched watched = WATCHED.get();
            if (watched == null) {
                return connection;
            }
            return (Connection) Proxy.newProxyInstance(DatabaseVisits.class.getClassLoader(),
                    new Class<?>[] { Connection.class }, new Writes(connection, watched));
        }
    }

    /**
     * Notes the tables a connection's statements changed rows of (an update count above zero); they count as
     * committed when its work is: at commit, or at once in auto-commit.
     */
    private static final class Writes implements InvocationHandler {
        private final Connection target;
        private final Watched watched;
        private final List<String> pending = new ArrayList<>();

        Writes(Connection target, Watched watched) {
            this.target = target;
            this.watched = watched;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("rollback") && (args == null || args.length == 0)) {
                pending.clear();
            }
            if (name.equals("close") && !target.isClosed() && target.getAutoCommit()) {
                committed();
            }
            Object result = call(target, method, args);
            if (name.equals("commit")) {
                committed();
            }
            if (result instanceof Statement statement && (name.equals("createStatement")
                    || name.equals("prepareStatement") || name.equals("prepareCall"))) {
                String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
                Class<?> type = name.equals("createStatement") ? Statement.class
                        : name.equals("prepareCall") ? java.sql.CallableStatement.class : java.sql.PreparedStatement.class;
                return Proxy.newProxyInstance(DatabaseVisits.class.getClassLoader(), new Class<?>[] { type },
                        (p, m, a) -> executed(statement, prepared, m, a));
            }
            return result;
        }

        private Object executed(Statement statement, String prepared, Method method, Object[] args) throws Throwable {
            Object result = call(statement, method, args);
            String name = method.getName();
            if (!name.startsWith("execute") || name.equals("executeQuery")) {
                return result;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String given ? given : prepared;
            String table = sql == null ? null : writtenTable(sql);
            if (table == null) {
                return result;
            }
            long changed = 0;
            if (result instanceof Integer count) {
                changed = count;
            } else if (result instanceof Long count) {
                changed = count;
            } else if (result instanceof int[] counts) {
                changed = java.util.Arrays.stream(counts).mapToLong(c -> c == Statement.SUCCESS_NO_INFO ? 1 : c).sum();
            } else if (result instanceof long[] counts) {
                changed = java.util.Arrays.stream(counts).map(c -> c == Statement.SUCCESS_NO_INFO ? 1 : c).sum();
            } else if (result instanceof Boolean resultSet && !resultSet) {
                changed = statement.getUpdateCount();
            }
            if (changed > 0) {
                pending.add(table);
                if (target.getAutoCommit()) {
                    committed();
                }
            }
            return result;
        }

        private void committed() {
            watched.committedWrites().addAll(pending);
            pending.clear();
        }

        private static Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
