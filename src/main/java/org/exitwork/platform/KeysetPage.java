package org.exitwork.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list paged by keyset (no OFFSET): the rows, and the cursors of the pages beside it
 * ({@code previousBefore}: the first row's id, {@code nextAfter}: the last row's id; null when there is
 * no such page). A repository fetches {@code size + 1} rows after the {@code after} cursor in the list's
 * order, or before the {@code before} cursor in the reverse order; {@link #of} trims the extra row,
 * which only says that a further page exists, and puts a backwards page back in the list's order.
 */
public record KeysetPage<T>(List<T> rows, UUID previousBefore, UUID nextAfter) {

    /** As many rows as a person reads down one page of a list. */
    public static final int SIZE = 50;

    /**
     * The page from {@code fetched} (at most {@code size + 1} rows, as the query returned them), read
     * backwards when only {@code before} was given.
     */
    public static <T> KeysetPage<T> of(List<T> fetched, int size, UUID after, UUID before, Function<T, UUID> id) {
        boolean backwards = after == null && before != null;
        List<T> rows = new ArrayList<>(fetched);
        boolean more = rows.size() > size;
        if (more) {
            rows = new ArrayList<>(rows.subList(0, size));
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        boolean hasPrevious = backwards ? more : after != null;
        boolean hasNext = backwards || more;
        if (rows.isEmpty()) {
            return new KeysetPage<>(List.of(), null, null);
        }
        return new KeysetPage<>(List.copyOf(rows), hasPrevious ? id.apply(rows.get(0)) : null,
                hasNext ? id.apply(rows.get(rows.size() - 1)) : null);
    }

    /** Whether the list goes on before or after this page. */
    public boolean paged() {
        return previousBefore != null || nextAfter != null;
    }

    /** Whether a page is read backwards: only {@code before} given. */
    public static boolean backwards(UUID after, UUID before) {
        return after == null && before != null;
    }
}
