package org.exitwork.commands.internal;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
import org.exitwork.cases.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** A demo organisation with staff and fictitious clients, for trying Exitwork out. */
@Component
class DemoData {

    private final AccountAdministration accounts;
    private final CaseWork cases;
    private final TransactionTemplate tx;

    DemoData(AccountAdministration accounts, CaseWork cases, TransactionTemplate tx) {
        this.accounts = accounts;
        this.cases = cases;
        this.tx = tx;
    }

    int fill(PrintStream out) {
        if (accounts.installationSetUp()) {
            out.println("demo-data refused: this database already has accounts. Use an empty data directory, "
                    + "for example EXITWORK_DATA_DIR=./demo-data.");
            return 1;
        }
        List<NewAccount> created = tx.execute(status -> create());
        out.println("Demo organisation \"Demo Exitwork e.V.\" created. Sign-ins (each enrols a second factor "
                + "with an authenticator app at first sign-in):");
        for (NewAccount account : created) {
            out.printf("  %-24s %-12s password %s%n", account.member().role(), account.member().username(),
                    account.temporaryPassword());
        }
        out.println("The administrator chooses a new password at first sign-in. All clients are fictitious.");
        return 0;
    }

    private List<NewAccount> create() {
        NewAccount admin = accounts.createOrganisation("Demo Exitwork e.V.", "admin", "Ada Admin");
        var org = admin.member().organisationId();
        NewAccount anna = accounts.createStaff(org, "anna", "Anna Berger", Role.PRACTITIONER, false);
        NewAccount jonas = accounts.createStaff(org, "jonas", "Jonas Okafor", Role.PRACTITIONER, false);
        NewAccount mira = accounts.createStaff(org, "mira", "Mira Hoffmann", Role.PRACTITIONER, false);
        NewAccount manager = accounts.createStaff(org, "lena", "Lena Vogt", Role.MANAGER, false);
        NewAccount dpo = accounts.createStaff(org, "dpo", "Deniz Yilmaz", Role.DATA_PROTECTION_OFFICER, false);

        StaffPrincipal annaP = principal(anna.member());
        StaffPrincipal jonasP = principal(jonas.member());
        StaffPrincipal lena = principal(manager.member());
        RegisteredClient first = takeOn(annaP, lena, Pathway.YOUTH_SERVICE, Set.of(PhenomenonArea.RIGHT_WING),
                new ClientIdentity("Max Mustermann (fictitious)", LocalDate.of(2001, 4, 12), "0151 0000000", "Maxi"),
                jonas.member().id(), "de");
        cases.writeNote(annaP, first.id(), LocalDate.now().minusDays(14),
                "First meeting at the youth centre. Talked about his apprenticeship and his younger sister.");
        cases.writeNote(jonasP, first.id(), LocalDate.now().minusDays(7),
                "He brought up the break with his old friends; a lot of anger and some relief.");
        RegisteredClient second = takeOn(jonasP, lena, Pathway.FAMILY,
                Set.of(PhenomenonArea.CONSPIRACY_IDEOLOGY, PhenomenonArea.CULTS),
                new ClientIdentity("Erika Musterfrau (fictitious)", LocalDate.of(1995, 9, 30), null, null),
                mira.member().id(), "en");
        cases.openProspect(principal(mira.member()),
                new NewProspect(Pathway.SCHOOL, Set.of(PhenomenonArea.UNCLEAR), false));
        cases.writeNote(jonasP, second.id(), LocalDate.now().minusDays(3),
                "Phone call. She wants to talk about her family history next time.");
        return List.of(admin, anna, jonas, mira, manager, dpo);
    }

    /** The whole intake, as the tandem and the manager would do it in the browser. */
    private RegisteredClient takeOn(StaffPrincipal practitioner, StaffPrincipal manager, Pathway pathway,
            Set<PhenomenonArea> areas, ClientIdentity identity, java.util.UUID second, String language) {
        RegisteredClient prospect = cases.openProspect(practitioner, new NewProspect(pathway, areas, false));
        cases.recordSafetyDiscussion(manager, prospect.id(), new SafetyDiscussion(LocalDate.now().minusDays(2),
                "First meetings in our office only; no home visits until we know more.",
                Set.of(practitioner.id(), second)));
        cases.takeOn(practitioner, prospect.id(), new ParticipationConsent(LocalDate.now().minusDays(1),
                InformedHow.TALK_AND_TEXT_HANDED_OVER, cases.currentInformationText(practitioner.organisationId(),
                        language), language),
                identity, Tandem.with(second));
        return prospect;
    }

    private static StaffPrincipal principal(StaffMember m) {
        return new StaffPrincipal(m.id(), m.organisationId(), m.username(), m.displayName(), m.role());
    }
}
