package org.exitwork.platform;

import java.time.LocalDate;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A count per day, bounded by a budget, kept in a table of the module that uses it (so that every node counts
 * alike): how often a link was used today, how many failed sign-ins were recorded today. Each use counts one
 * in the caller's transaction, whose row lock makes simultaneous uses count one after the other; the first
 * use of a day removes the rows of the days before (they count for nothing any more). The table has a day
 * column, a count column and, for a count per key, a key column; its primary key is (key, day), or the day.
 */
public final class DailyBudget {

    /** What one more use today is. */
    public enum Use {
        /** Within the day's budget. */
        COUNTED,
        /** The first use beyond it. */
        BUDGET_USED_UP,
        /** Any later one. */
        OVER_BUDGET
    }

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final boolean keyed;
    private final String insert;
    private final String deleteBefore;
    private final String count;
    private final String read;

    /** A count per key and day; the names are the table's own (constants of the module, checked here). */
    public static DailyBudget perKey(JdbcClient jdbc, String table, String keyColumn, String dayColumn,
            String countColumn) {
        return new DailyBudget(jdbc, table, name(keyColumn), dayColumn, countColumn);
    }

    /** One count per day. */
    public static DailyBudget perDay(JdbcClient jdbc, String table, String dayColumn, String countColumn) {
        return new DailyBudget(jdbc, table, null, dayColumn, countColumn);
    }

    private DailyBudget(JdbcClient jdbc, String table, String keyColumn, String dayColumn, String countColumn) {
        this.jdbc = jdbc;
        this.keyed = keyColumn != null;
        String t = name(table);
        String day = name(dayColumn);
        String n = name(countColumn);
        String where = (keyed ? keyColumn + " = ? AND " : "") + day + " = ?";
        this.insert = "INSERT INTO " + t + " (" + (keyed ? keyColumn + ", " : "") + day + ", " + n + ") VALUES ("
                + (keyed ? "?, " : "") + "?, 0) ON CONFLICT DO NOTHING";
        this.deleteBefore = "DELETE FROM " + t + " WHERE " + day + " < ?";
        this.count = "UPDATE " + t + " SET " + n + " = " + n + " + 1 WHERE " + where + " AND " + n + " <= ?";
        this.read = "SELECT " + n + " FROM " + t + " WHERE " + where;
    }

    /** One more use of {@code key} on {@code day}, of at most {@code budget} a day; in the caller's transaction. */
    public Use use(Object key, LocalDate day, int budget) {
        if (!keyed) {
            throw new IllegalStateException("a count per day has no key");
        }
        return count(budget, key, day);
    }

    /** One more use on {@code day}, of at most {@code budget} a day; in the caller's transaction. */
    public Use use(LocalDate day, int budget) {
        if (keyed) {
            throw new IllegalStateException("a count per key needs its key");
        }
        return count(budget, day);
    }

    private Use count(int budget, Object... keyAndDay) {
        LocalDate day = (LocalDate) keyAndDay[keyAndDay.length - 1];
        if (jdbc.sql(insert).params(keyAndDay).update() == 1) {
            jdbc.sql(deleteBefore).param(day).update();
        }
        Object[] counting = java.util.Arrays.copyOf(keyAndDay, keyAndDay.length + 1);
        counting[keyAndDay.length] = budget;
        if (jdbc.sql(count).params(counting).update() == 0) {
            return Use.OVER_BUDGET;
        }
        int used = jdbc.sql(read).params(keyAndDay).query(Integer.class).single();
        return used > budget ? Use.BUDGET_USED_UP : Use.COUNTED;
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a table or column name: " + name);
        }
        return name;
    }
}
