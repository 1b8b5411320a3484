package org.exitwork.accounts.internal.signin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily budget of failed sign-ins recorded in the audit log one by one. Anybody can fail to sign in,
 * from as many addresses as they have, and the audit log keeps everything: without a bound, strangers could
 * fill it. Per account (and for all names that are no account together) at most
 * {@code exitwork.sign-in.failures-recorded-per-day} failures are recorded a day (the application clock's
 * day); the one after them records that the rest of the day's are not, and the rest are not. The account's
 * own count of failed attempts, told to its holder at the next sign-in, goes on counting every one. Counted
 * in the database, so every node counts the same failures.
 */
@Component
class FailureRecords {

    /** The row of the names that are no account. */
    static final UUID NO_ACCOUNT = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SignInLimits limits;
    private final AuditLog audit;

    FailureRecords(JdbcClient jdbc, Clock clock, SignInLimits limits, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limits = limits;
        this.audit = audit;
    }

    /**
     * Records one more failed sign-in, {@code entry}, of {@code account} ({@code null} for a name that is no
     * account), in the caller's transaction: within the day's budget as it is; the first failure beyond it as
     * the budget used up (for the entry's organisation and name); after that not at all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void failed(UUID account, AuditEvent entry) {
        int perDay = limits.policy().failuresRecordedPerDay();
        switch (count(account == null ? NO_ACCOUNT : account, perDay)) {
            case 1 -> audit.record(entry);
            case 2 -> audit.record(new AuditEvent(entry.organisationId(), null, null,
                    AccountActions.SIGN_IN_FAILURES_UNRECORDED, entry.subject(), AuditDetail.of(account == null
                            ? "signin.failures-unrecorded.no-account" : "signin.failures-unrecorded.account", perDay)));
            default -> {
                // beyond the budget: counted on the account by the caller, not recorded
            }
        }
    }

    /** 1 within the budget, 2 for the first beyond it, 0 after that. */
    private int count(UUID account, int perDay) {
        LocalDate today = LocalDate.now(clock);
        int first = jdbc.sql("INSERT INTO acc_failure_record (subject, recorded_on, recorded) VALUES (?, ?, 0)"
                + " ON CONFLICT DO NOTHING").params(account, today).update();
        if (first == 1) {
            // the days before count for nothing any more, for any account
            jdbc.sql("DELETE FROM acc_failure_record WHERE recorded_on < ?").param(today).update();
        }
        int counted = jdbc.sql("UPDATE acc_failure_record SET recorded = recorded + 1"
                + " WHERE subject = ? AND recorded_on = ? AND recorded <= ?").params(account, today, perDay).update();
        if (counted == 0) {
            return 0;
        }
        int recorded = jdbc.sql("SELECT recorded FROM acc_failure_record WHERE subject = ? AND recorded_on = ?")
                .params(account, today).query(Integer.class).single();
        return recorded > perDay ? 2 : 1;
    }
}
