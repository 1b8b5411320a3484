package org.exitwork.disclosure.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.exitwork.platform.DailyBudget;
import org.exitwork.platform.DailyBudget.Use;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The daily budget of a link the gate handed out (a share, a service request, a funder report). Every
 * use of such a link is audited, and the audit log keeps everything: someone holding a link (or an old,
 * closed one) could otherwise fill it by opening the link without end. A link is used at most
 * {@code exitwork.disclosure.link-uses-per-day} times a day (the application clock's day); the use after
 * that is audited once as the budget used up, and every later one that day is neither served nor
 * recorded. Counted in the database, so every node and every restart counts the same uses.
 */
@Component
public class LinkUses {

    /** An open link used more often today than a link is: 429, for its holder only (nobody else reaches it). */
    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    public static final class TooOften extends RuntimeException {
        public TooOften() {
            super("this link was used too often today");
        }
    }

    private final DailyBudget budget;
    private final Clock clock;
    private final int perDay;

    LinkUses(JdbcClient jdbc, Clock clock, DisclosureSettings settings) {
        // the days before a link's first use of the day go, for every link (and so the counts of links erased since)
        this.budget = DailyBudget.perKey(jdbc, "dis_link_use", "link_id", "used_on", "uses");
        this.clock = clock;
        this.perDay = settings.linkUsesPerDay();
    }

    public int perDay() {
        return perDay;
    }

    /**
     * Counts one use of a link today and says whether it may go on (served, or refused as closed, and audited
     * as every use is). Beyond the day's budget the first use is audited by {@code usedUp}; then an open link
     * answers {@link TooOften} (the caller's transaction must keep its work for it: {@code noRollbackFor}) and
     * a closed one {@code false}, for the caller's answer to any closed link, with nothing recorded.
     */
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = TooOften.class)
    public boolean allow(UUID linkId, boolean open, Runnable usedUp) {
        Use use = use(linkId);
        if (use == Use.COUNTED) {
            return true;
        }
        if (use == Use.BUDGET_USED_UP) {
            usedUp.run();
        }
        if (open) {
            throw new TooOften();
        }
        return false;
    }

    /** Counts one use of the link today, in the caller's transaction (the row stays locked until it ends). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Use use(UUID linkId) {
        return budget.use(linkId, LocalDate.now(clock), perDay);
    }
}
