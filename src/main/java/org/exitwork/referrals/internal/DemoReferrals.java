package org.exitwork.referrals.internal;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo: referrals from partners waiting in the inbox, arrived the way partners send them (the police
 * through the signed API, the school through its one-time form), and matched as the job matches them.
 */
@Component
@Profile(DemoContent.PROFILE)
class DemoReferrals implements DemoContent {

    private final Inbox inbox;
    private final ReferralMatcher matcher;

    DemoReferrals(Inbox inbox, ReferralMatcher matcher) {
        this.inbox = inbox;
        this.matcher = matcher;
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void fill(DemoContext demo) {
        UUID org = demo.organisationId();
        inbox.append(org, demo.get("partner.POLICE", UUID.class), Inbox.Via.API, new InboundReferral("ST 4711/2026",
                Set.of(PhenomenonArea.RIGHT_WING), false, "Kevin Beispielmann (fictitious)", LocalDate.of(2007, 2, 3),
                "0152 0000000", "Met during a prevention talk at his school; asked himself how to get out of a "
                        + "group of friends that goes to right-wing concerts."));
        inbox.append(org, demo.get("partner.POLICE", UUID.class), Inbox.Via.API, new InboundInformation("ST 4711/2026",
                "He agreed that an exit counsellor may call him after 4 pm."));
        inbox.append(org, demo.get("partner.SCHOOL", UUID.class), Inbox.Via.FORM, new InboundReferral("Schule-2026-03",
                Set.of(PhenomenonArea.CONSPIRACY_IDEOLOGY), true, null, null, null,
                "Parents of a pupil in year 10 ask for counselling: their son spends nights in conspiracy "
                        + "channels and has stopped talking to them."));
        matcher.matchNow();
    }
}
