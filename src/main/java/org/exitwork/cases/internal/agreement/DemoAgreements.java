package org.exitwork.cases.internal.agreement;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: work agreements agreed with Max and Erika, with a first round of progress ratings. */
@Component
@Profile(DemoContent.PROFILE)
class DemoAgreements implements DemoContent {

    private final WorkAgreements agreements;

    DemoAgreements(WorkAgreements agreements) {
        this.agreements = agreements;
    }

    @Override
    public int order() {
        return 33;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal jonas = demo.get("staff.jonas", StaffPrincipal.class);
        agree(demo, anna, demo.get("client.max", UUID.class), "de",
                "Max lebt ohne die Gruppe und ohne Gewalt und findet seinen Platz in der Ausbildung.",
                List.of("Max kann mit Wut umgehen, ohne zuzuschlagen", "Max hat Freunde außerhalb der Szene",
                        "Max schließt das erste Ausbildungsjahr ab"),
                "Termin beim Jobcenter; jede Woche ein Treffen mit dem Tandem", new int[] { 3, 2, 4 });
        agree(demo, jonas, demo.get("client.erika", UUID.class), "en",
                "Erika decides for herself what she believes and leaves the group without losing her family.",
                List.of("Erika stops paying for the group's seminars", "Erika talks with her sister again"),
                "Erika drafts a letter to the group leader; next meeting with her sister present if she wishes",
                new int[] { 2, 3 });
    }

    private void agree(DemoContext demo, StaffPrincipal who, UUID client, String language, String objective,
            List<String> changes, String nextSteps, int[] scores) {
        int number = agreements.write(who, client, new WorkAgreements.NewVersion(objective,
                changes.stream().map(c -> new WorkAgreements.AimedChange(null, c)).toList(), nextSteps, language, 0));
        agreements.recordClientAgreement(who, client, number, demo.today(), AgreedHow.SIGNED_ON_PAPER, null);
        List<WorkAgreements.AimedChange> threads = agreements.open(who, client).current().changes();
        java.util.List<WorkAgreements.NewRating> ratings = new java.util.ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            ratings.add(new WorkAgreements.NewRating(threads.get(i).thread(), scores[i],
                    i == 0 ? "Rated together with the client" : null));
        }
        agreements.rate(who, client, demo.today(), ratings);
    }
}
