package org.exitwork.bench.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.CaseWorkForBenchmarks;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark harness: taking a prospect on as a client (R1:
 * safety discussion, consent, tandem) and ending a case by the client's choice with erasure at once,
 * both through the cases module's public API and its test-support API (the services the web uses).
 */
public final class BenchCases {

    private BenchCases() {
    }

    /** The prospect becomes a client carried by the practitioner and a colleague. */
    public static void takeOn(ApplicationContext context, StaffPrincipal manager, StaffPrincipal practitioner,
            StaffPrincipal colleague, UUID prospectId) {
        CaseWork caseWork = context.getBean(CaseWork.class);
        LocalDate yesterday = LocalDate.now(context.getBean(Clock.class)).minusDays(1);
        caseWork.recordSafetyDiscussion(manager, prospectId, new SafetyDiscussion(yesterday,
                "Risks to staff considered", Set.of(practitioner.id())));
        caseWork.takeOn(practitioner, prospectId, new ParticipationConsent(yesterday,
                InformedHow.TALK_AND_TEXT_HANDED_OVER,
                caseWork.currentInformationText(practitioner.organisationId(), "en"), "en"),
                new ClientIdentity("Bench Person " + prospectId, LocalDate.of(1999, 1, 2), "contact", "alias"),
                Tandem.with(colleague.id()));
    }

    /** Ended by the client's choice today and erased in the same step, as POST .../ending/clients-choice does. */
    public static void endAndErase(ApplicationContext context, StaffPrincipal practitioner, UUID clientId) {
        context.getBean(CaseWorkForBenchmarks.class).endByClientsChoice(practitioner, clientId,
                LocalDate.now(context.getBean(Clock.class)), true);
    }
}
