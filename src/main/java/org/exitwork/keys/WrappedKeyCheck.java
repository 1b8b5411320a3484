package org.exitwork.keys;

import java.util.Map;
import java.util.Set;

/**
 * Whether the master key versions that exist now still open the data keys of a backup. A restore
 * asks this for every wrapped key before it writes anything: keys wrapped under a destroyed master
 * key version (a backup older than the erasure horizon) or another installation's master key do not
 * open.
 */
public interface WrappedKeyCheck {

    /** The tables whose rows are wrapped data keys. */
    Set<String> tables();

    /** @param row one row of one of {@link #tables()}, column name to value */
    boolean opens(String table, Map<String, Object> row);
}
