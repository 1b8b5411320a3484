package org.exitwork.cases.internal.assessment;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: the organisation's own resource-first assessments of Max (revised once) and Erika. */
@Component
@Profile(DemoContent.PROFILE)
class DemoAssessments implements DemoContent {

    private final AssessmentService assessments;

    DemoAssessments(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @Override
    public int order() {
        return 34;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal jonas = demo.get("staff.jonas", StaffPrincipal.class);
        UUID max = demo.get("client.max", UUID.class);
        assessments.record(anna, max, new AssessmentService.Findings(demo.today().minusDays(30),
                "Apprenticeship place; loves woodwork; his sister looks up to him.",
                "Reflects on what he did; keeps appointments.", "His mother's support; the trainer at work.",
                "Old friends from the group still call him.", DangerLevel.NONE_SEEN, null, DangerLevel.RAISED,
                "Fights at weekends until spring; none since."));
        assessments.record(anna, max, new AssessmentService.Findings(demo.today().minusDays(7),
                "Apprenticeship place; loves woodwork; his sister looks up to him; a new friend from work.",
                "Reflects on what he did; keeps appointments; talks about anger before it grows.",
                "His mother's support; the trainer at work.", "Has blocked most of the group's numbers.",
                DangerLevel.NONE_SEEN, null, DangerLevel.LOW, "No fights for three months."));
        assessments.record(jonas, demo.get("client.erika", UUID.class), new AssessmentService.Findings(
                demo.today().minusDays(20), "Qualified nurse; reads a lot; humour.", "Asks hard questions.",
                "Her sister; her colleagues at the clinic.", "Most of her friends are in the group.",
                DangerLevel.LOW, "Sleeps badly since she doubts the group.", DangerLevel.NONE_SEEN, null));
    }
}
