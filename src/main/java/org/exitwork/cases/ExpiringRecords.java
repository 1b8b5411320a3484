package org.exitwork.cases;

/**
 * Records of another module that follow the organisation's retention (R20), such as staff
 * appointments: {@link Erasure#eraseEverythingExpired()} calls every bean of this type after the
 * clients and groups, so the same hourly job and the same command reach them.
 */
@org.springframework.modulith.NamedInterface("erasure")
public interface ExpiringRecords {

    /** What is erased, in the plural, for the command's output ("appointments"). */
    String what();

    /**
     * Erases every record whose period has passed, each in a transaction of its own that locks and
     * re-checks it (another node may run at the same time); returns how many this call erased.
     */
    int eraseExpired();
}
