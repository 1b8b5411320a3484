package org.exitwork.cases.internal.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
import org.exitwork.cases.internal.ending.EndingService;
import org.exitwork.cases.internal.intake.InformationTexts;
import org.exitwork.cases.internal.sessions.PlaceKind;
import org.exitwork.cases.internal.sessions.SessionService;
import org.exitwork.cases.internal.sessions.SessionService.SessionDraft;
import org.exitwork.cases.internal.sessions.Setting;
import org.exitwork.cases.internal.sessions.Theme;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo: the organisation's own information text, and people in every stage of the work, each taken
 * the way R1 asks (prospect, the manager's safety discussion, consent), with sessions: two clients
 * whose work goes on, one whose case was completed with aftercare, a prospect waiting for the safety
 * discussion and one ready for consent. Names are marked fictitious.
 */
@Component
@Profile(DemoContent.PROFILE)
class DemoCases implements DemoContent {

    private final CaseWork cases;
    private final InformationTexts texts;
    private final SessionService sessions;
    private final EndingService endings;

    DemoCases(CaseWork cases, InformationTexts texts, SessionService sessions, EndingService endings) {
        this.cases = cases;
        this.texts = texts;
        this.sessions = sessions;
        this.endings = endings;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal jonas = demo.get("staff.jonas", StaffPrincipal.class);
        StaffPrincipal mira = demo.get("staff.mira", StaffPrincipal.class);
        StaffPrincipal lena = demo.get("staff.lena", StaffPrincipal.class);
        LocalDate today = demo.today();

        texts.publishInformationText(lena, "Taking part in our exit work: what you should know",
                """
                Taking part is your free choice. You can stop at any time, without giving a reason.

                Two of our staff, your tandem, work with you. We write down only what our work needs, \
                and we keep it encrypted. You can ask us at any time for everything we have recorded \
                about you and who has read it.

                Demo Exitwork e.V., Beispielstraße 1, Nordstadt; telephone 0301 0000 000; \
                data protection officer: Deniz Yilmaz, datenschutz@demo-exitwork.example""",
                "Teilnahme an unserer Ausstiegsarbeit: was Sie wissen sollten",
                """
                Die Teilnahme ist Ihre freie Entscheidung. Sie können jederzeit aufhören, ohne einen Grund \
                zu nennen.

                Zwei Mitarbeitende, Ihr Tandem, arbeiten mit Ihnen. Wir schreiben nur auf, was unsere Arbeit \
                braucht, und speichern es verschlüsselt. Sie können jederzeit erfahren, was wir über Sie \
                aufgeschrieben haben und wer es gelesen hat.

                Demo Exitwork e.V., Beispielstraße 1, Nordstadt; Telefon 0301 0000 000; \
                Datenschutzbeauftragte Person: Deniz Yilmaz, datenschutz@demo-exitwork.example""");

        UUID max = takeOn(demo, anna, jonas, lena, Pathway.YOUTH_SERVICE, Set.of(PhenomenonArea.RIGHT_WING),
                new ClientIdentity("Max Mustermann (fictitious)", LocalDate.of(2005, 4, 12), "0151 0000000", "Maxi"),
                "de", 45);
        demo.put("client.max", max);
        session(anna, max, today.minusDays(38), Setting.TANDEM, PlaceKind.OFFICE, Set.of(anna.id(), jonas.id()),
                Set.of(Theme.BIOGRAPHY, Theme.LIFE_WORLD),
                "First meeting at our office. Max talked about his apprenticeship as a carpenter and about his "
                        + "younger sister, whom he wants to protect from \"the scene\".",
                "Find out about the training place at the job centre", today.minusDays(24), null);
        session(jonas, max, today.minusDays(24), Setting.ONE_ON_ONE, PlaceKind.PUBLIC_PLACE, Set.of(jonas.id()),
                Set.of(Theme.ANGER, Theme.EXTREMISM_GROUP_HATRED, Theme.GRIEVANCES),
                "Walk in the park. He brought up the break with his old friends: a lot of anger, some relief. "
                        + "He no longer goes to the Saturday meetings.", null, null, null);
        session(anna, max, today.minusDays(7), Setting.ONE_ON_ONE, PlaceKind.OFFICE, Set.of(anna.id()),
                Set.of(Theme.SHAME_GUILT, Theme.SOCIAL_SKILLS, Theme.PRACTICAL_NEEDS),
                "He is ashamed of what he posted last year. We talked about how to answer his sister's questions. "
                        + "The job centre appointment went well.",
                "Max writes down three people he can call when the old group gets in touch", today.plusDays(5),
                today.plusDays(6).atTime(LocalTime.of(10, 0)).atZone(SessionService.ZONE).toInstant());

        UUID erika = takeOn(demo, jonas, mira, lena, Pathway.FAMILY,
                Set.of(PhenomenonArea.CONSPIRACY_IDEOLOGY, PhenomenonArea.CULTS),
                new ClientIdentity("Erika Musterfrau (fictitious)", LocalDate.of(1988, 9, 30), "erika@mail.example",
                        null), "en", 30);
        demo.put("client.erika", erika);
        session(jonas, erika, today.minusDays(21), Setting.ONLINE_COUNSELLING, PlaceKind.ONLINE,
                Set.of(jonas.id()), Set.of(Theme.POLITICAL_RELIGIOUS_QUESTIONS, Theme.ANXIETY),
                "Video call. She is afraid of what the group leader will say when she stops paying for the "
                        + "seminars. We talked about what she believed and what she no longer believes.",
                null, null, null);
        session(mira, erika, today.minusDays(3), Setting.TANDEM, PlaceKind.OFFICE, Set.of(jonas.id(), mira.id()),
                Set.of(Theme.FAMILY_HISTORY), "She wants to talk about her family history next time: her mother was "
                        + "in a similar group in the nineties.", "Erika brings old photos if she wants to",
                null, null);

        UUID samir = takeOn(demo, mira, anna, lena, Pathway.PRISON, Set.of(PhenomenonArea.ISLAMIST),
                new ClientIdentity("Samir Beispiel (fictitious)", LocalDate.of(1999, 1, 20), null, null), "de", 120);
        demo.put("client.samir", samir);
        session(mira, samir, today.minusDays(100), Setting.ONE_ON_ONE, PlaceKind.INSTITUTION, Set.of(mira.id()),
                Set.of(Theme.POLITICAL_RELIGIOUS_QUESTIONS, Theme.BIOGRAPHY),
                "Visit in prison, two months before his release. He asked many questions about faith and "
                        + "violence and wants to read with the imam.", null, null, null);
        session(anna, samir, today.minusDays(30), Setting.TANDEM, PlaceKind.OFFICE, Set.of(anna.id(), mira.id()),
                Set.of(Theme.PRACTICAL_NEEDS, Theme.LIFE_WORLD),
                "He has a flat and a job at the warehouse. He says he no longer needs us every week; we agreed "
                        + "to close the case with aftercare.", null, null, null);
        endings.complete(mira, samir, today.minusDays(2),
                "Call every two months for half a year; he may come by at any time.",
                List.of(today.plusDays(10), today.plusDays(70)));

        RegisteredClient waiting = cases.openProspect(mira,
                new NewProspect(Pathway.SCHOOL, Set.of(PhenomenonArea.UNCLEAR), false));
        demo.put("client.waiting", waiting.id());
        RegisteredClient ready = cases.openProspect(anna,
                new NewProspect(Pathway.SELF_REFERRAL, Set.of(PhenomenonArea.LEFT_WING), false));
        cases.recordSafetyDiscussion(lena, ready.id(), new SafetyDiscussion(today.minusDays(1),
                "No risk seen for the team; first meeting in the office.", Set.of(anna.id(), jonas.id())));
        demo.put("client.ready", ready.id());
    }

    /** The whole intake, as the tandem and the manager would do it in the browser, {@code daysAgo} days back. */
    private UUID takeOn(DemoContext demo, StaffPrincipal practitioner, StaffPrincipal second, StaffPrincipal manager,
            Pathway pathway, Set<PhenomenonArea> areas, ClientIdentity identity, String language, int daysAgo) {
        RegisteredClient prospect = cases.openProspect(practitioner, new NewProspect(pathway, areas, false));
        cases.recordSafetyDiscussion(manager, prospect.id(), new SafetyDiscussion(demo.today().minusDays(daysAgo + 3),
                "First meetings in our office only; no home visits until we know more.",
                Set.of(practitioner.id(), second.id())));
        cases.takeOn(practitioner, prospect.id(), new ParticipationConsent(demo.today().minusDays(daysAgo),
                InformedHow.TALK_AND_TEXT_HANDED_OVER, cases.currentInformationText(demo.organisationId(), language),
                language), identity, Tandem.with(second.id()));
        return prospect.id();
    }

    private void session(StaffPrincipal author, UUID client, LocalDate date, Setting setting, PlaceKind place,
            Set<UUID> staff, Set<Theme> themes, String note, String nextSteps, LocalDate due,
            java.time.Instant nextMeeting) {
        sessions.record(author, client, new SessionDraft(date, 60, setting, place, true, staff, Set.of(), themes, note,
                nextSteps, due, nextMeeting));
    }
}
