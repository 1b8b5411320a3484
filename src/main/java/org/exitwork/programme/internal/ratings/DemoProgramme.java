package org.exitwork.programme.internal.ratings;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseProgrammes;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Direction;
import org.exitwork.programme.internal.design.Frequency;
import org.exitwork.programme.internal.design.Programmes;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo: one programme with two outcomes and their indicators, the demo's clients in it, and outcomes
 * rated twice with the two whose work goes on, so that the case pages and the manager's figures show something.
 */
@Component
@Profile(DemoContent.PROFILE)
class DemoProgramme implements DemoContent {

    private final Programmes programmes;
    private final CaseProgrammes cases;
    private final OutcomeRatings ratings;

    DemoProgramme(Programmes programmes, CaseProgrammes cases, OutcomeRatings ratings) {
        this.programmes = programmes;
        this.cases = cases;
        this.ratings = ratings;
    }

    @Override
    public int order() {
        // After the cases (30) and their sessions, before anything that reads figures.
        return 36;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal lena = demo.get("staff.lena", StaffPrincipal.class);
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal jonas = demo.get("staff.jonas", StaffPrincipal.class);
        StaffPrincipal mira = demo.get("staff.mira", StaffPrincipal.class);
        UUID programme = programmes.create(lena, new Design.Draft("Ausstieg Nord",
                "Menschen verlassen extremistische Gruppen und Gangs und führen ein selbstbestimmtes Leben ohne Gewalt.",
                "Junge Erwachsene zwischen 16 und 30, die sich von einer Gruppe lösen wollen, und ihre Angehörigen.",
                EnumSet.of(PhenomenonArea.RIGHT_WING, PhenomenonArea.CULTS, PhenomenonArea.GANGS),
                EnumSet.of(Pathway.SELF_REFERRAL, Pathway.FAMILY, Pathway.PRISON),
                Set.of(anna.id(), jonas.id(), mira.id())));
        demo.put("programme", programme);
        UUID distance = programmes.addOutcome(lena, programme, new Design.OutcomeDraft(
                "Distance from the group", 5, "still fully inside", "noch ganz drin", "no contact any more",
                "kein Kontakt mehr",
                List.of(new Design.Indicator(null, "Contacts with the group per month", Direction.DECREASE,
                        "weekly at the start", Frequency.MONTHLY),
                        new Design.Indicator(null, "Friends outside the group", Direction.INCREASE, "none",
                                Frequency.QUARTERLY))));
        UUID life = programmes.addOutcome(lena, programme, new Design.OutcomeDraft(
                "A life of one's own", 10, "no plan for the future", "kein Plan für die Zukunft",
                "work or training and a home", "Arbeit oder Ausbildung und eine Wohnung",
                List.of(new Design.Indicator(null, "In training or work", Direction.INCREASE, "not at the start",
                        Frequency.HALF_YEARLY))));
        rate(demo, anna, demo.get("client.max", UUID.class), programme, distance, life, new int[] { 2, 3 },
                new int[] { 4, 6 });
        rate(demo, jonas, demo.get("client.erika", UUID.class), programme, distance, life, new int[] { 1, 4 },
                new int[] { 3, 5 });
        // Samir's case is closed: it belongs to the programme (and counts as ended) but is rated no more.
        cases.assign(mira, demo.get("client.samir", UUID.class), programme);
    }

    private void rate(DemoContext demo, StaffPrincipal tandem, UUID client, UUID programme, UUID distance,
            UUID life, int[] first, int[] latest) {
        cases.assign(tandem, client, programme);
        ratings.rate(tandem, client, demo.today().minusDays(60), List.of(
                new OutcomeRatings.NewRating(distance, first[0], "Rated together at the start"),
                new OutcomeRatings.NewRating(life, first[1], null)));
        ratings.rate(tandem, client, demo.today().minusDays(3), List.of(
                new OutcomeRatings.NewRating(distance, latest[0], null),
                new OutcomeRatings.NewRating(life, latest[1], null)));
    }
}
