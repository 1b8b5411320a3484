package org.exitwork.cases.internal.demo;

import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.context.ContextRelation;
import org.exitwork.cases.internal.context.ContextService;
import org.exitwork.cases.internal.context.InstitutionKind;
import org.exitwork.cases.internal.sessions.PlaceKind;
import org.exitwork.cases.internal.sessions.SessionService;
import org.exitwork.cases.internal.sessions.SessionService.SessionDraft;
import org.exitwork.cases.internal.sessions.Setting;
import org.exitwork.cases.internal.sessions.Theme;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: Max's family and the youth welfare office around him, and a session with his mother alone. */
@Component
@Profile(DemoContent.PROFILE)
class DemoContextPersons implements DemoContent {

    private final ContextService context;
    private final SessionService sessions;

    DemoContextPersons(ContextService context, SessionService sessions) {
        this.context = context;
        this.sessions = sessions;
    }

    @Override
    public int order() {
        return 31;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal jonas = demo.get("staff.jonas", StaffPrincipal.class);
        UUID max = demo.get("client.max", UUID.class);
        UUID mother = context.addPerson(anna, max, new ContextService.PersonDraft(ContextRelation.PARENT,
                "Sabine Mustermann (fictitious)", "Worried, supportive; calls when Max does not come home."));
        context.addPerson(anna, max, new ContextService.PersonDraft(ContextRelation.SIBLING, "Lea, 14",
                "His younger sister; he wants her to stay out of the scene."));
        context.addPerson(jonas, max, new ContextService.PersonDraft(ContextRelation.YOUTH_WELFARE_CARER,
                "Sabine Krüger, Jugendamt", "Knows about our work; Max agreed that we may talk to her."));
        context.recordInstitution(anna, max, InstitutionKind.YOUTH_WELFARE, "Jugendamt Nordstadt, east district",
                demo.today().minusMonths(5));
        sessions.record(jonas, max, new SessionDraft(demo.today().minusDays(14), 45, Setting.FAMILY_CONTEXT,
                PlaceKind.HOME_VISIT, false, Set.of(jonas.id()), Set.of(mother), Set.of(Theme.FAMILY_HISTORY),
                "Talked with his mother alone, with Max's agreement. She is relieved that he talks to us and "
                        + "asked how to react when he is angry.", null, null, null));
    }
}
