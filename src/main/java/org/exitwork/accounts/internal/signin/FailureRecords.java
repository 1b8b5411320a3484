package org.exitwork.accounts.internal.signin;

import java.time.Clock;
import java.time.LocalDate;

import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.DailyBudget;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily budget of failed sign-ins recorded in the audit log one by one. Anybody can fail to sign in,
 * from as many addresses as they have, and the audit log keeps everything: without a bound, strangers could
 * fill it. At most {@code exitwork.sign-in.failures-recorded-per-day} failures are recorded a day (the
 * application clock's day) in the whole installation; the one after them records that the rest of the day's
 * are not, and the rest are not. Each account's own count of failed attempts, told to its holder at the next
 * sign-in, goes on counting every one. One count for every name, known or not: a budget per account beside
 * one for the names that are no account would let someone who spent the latter tell, by the work a failure
 * does, whether a name is an account. Counted in the database, so every node counts the same failures.
 */
@Component
class FailureRecords {

    private final DailyBudget budget;
    private final Clock clock;
    private final SignInLimits limits;
    private final AuditLog audit;

    FailureRecords(JdbcClient jdbc, Clock clock, SignInLimits limits, AuditLog audit) {
        this.budget = DailyBudget.perDay(jdbc, "acc_failure_record", "recorded_on", "recorded");
        this.clock = clock;
        this.limits = limits;
        this.audit = audit;
    }

    /**
     * Records one more failed sign-in, {@code entry}, in the caller's transaction: within the day's budget as
     * it is; the first failure beyond it as the budget used up; after that not at all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void failed(AuditEvent entry) {
        int perDay = limits.policy().failuresRecordedPerDay();
        switch (budget.use(LocalDate.now(clock), perDay)) {
            case COUNTED -> audit.record(entry);
            case BUDGET_USED_UP -> audit.record(new AuditEvent(null, null, null,
                    AccountActions.SIGN_IN_FAILURES_UNRECORDED, null,
                    AuditDetail.of("signin.failures-unrecorded", perDay)));
            case OVER_BUDGET -> {
                // counted on the account by the caller, not recorded
            }
        }
    }
}
