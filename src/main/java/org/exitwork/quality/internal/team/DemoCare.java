package org.exitwork.quality.internal.team;

import java.util.List;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.exitwork.quality.internal.checkups.CheckUps;
import org.exitwork.quality.internal.induction.InductionTopics;
import org.exitwork.quality.internal.supervision.SupervisionKind;
import org.exitwork.quality.internal.supervision.Supervisions;
import org.exitwork.quality.internal.training.Trainings;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: care for the team: supervision and intervision, yearly check-ups, induction topics and trainings. */
@Component
@Profile(DemoContent.PROFILE)
class DemoCare implements DemoContent {

    private final Supervisions supervisions;
    private final CheckUps checkUps;
    private final InductionTopics induction;
    private final Trainings trainings;

    DemoCare(Supervisions supervisions, CheckUps checkUps, InductionTopics induction, Trainings trainings) {
        this.supervisions = supervisions;
        this.checkUps = checkUps;
        this.induction = induction;
        this.trainings = trainings;
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal lena = demo.get("staff.lena", StaffPrincipal.class);
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal jonas = demo.get("staff.jonas", StaffPrincipal.class);
        StaffPrincipal mira = demo.get("staff.mira", StaffPrincipal.class);
        supervisions.record(lena, demo.today().minusDays(12), SupervisionKind.SUPERVISION,
                "Staying calm when a client defends violence", "Dr. Ruth Albers (external supervisor)",
                List.of(anna.id(), jonas.id(), mira.id()));
        supervisions.record(anna, demo.today().minusDays(5), SupervisionKind.INTERVISION,
                "Closing a case well: aftercare that the client wants", null, List.of(anna.id(), mira.id()));
        checkUps.recordDone(lena, anna.id(), demo.today().minusMonths(4));
        checkUps.recordDone(lena, jonas.id(), demo.today().minusMonths(11).minusDays(20));
        checkUps.setDue(lena, mira.id(), demo.today().plusDays(10));
        induction.add(lena, "The safe space: confidentiality and the tandem");
        induction.add(lena, "Safety on home visits and the check-in");
        induction.add(lena, "Working with families and context persons");
        var firstTopic = induction.of(demo.organisationId()).get(0).id();
        trainings.record(lena, mira.id(), demo.today().minusMonths(2), "Induction: the safe space", "Lena Vogt",
                firstTopic);
        trainings.record(lena, anna.id(), demo.today().minusMonths(3), "Motivational interviewing, advanced",
                "Bundesarbeitsgemeinschaft (fictitious)", null);
        trainings.record(lena, jonas.id(), demo.today().minusMonths(1), "Conspiracy ideologies in families",
                "Elternnetzwerk Ausstieg", null);
    }
}
