package org.exitwork.commands.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A demo organisation for trying Exitwork out: its staff, made here through the accounts module's
 * API, and then every module's own {@link DemoContent} in order (profiles, partners, clients in every
 * stage with sessions, agreements, assessments and context, a group, consents and a share, referrals,
 * appointments and a threat log, care for the team). Everything is fictitious.
 */
@Component
class DemoData {

    static final String ORGANISATION = "Demo Exitwork e.V.";

    /** Who is who in the demo, in the order the sign-ins are printed. */
    private record Person(String username, String name, Role role) {
    }

    private static final List<Person> STAFF = List.of(
            new Person("anna", "Anna Berger", Role.PRACTITIONER),
            new Person("jonas", "Jonas Okafor", Role.PRACTITIONER),
            new Person("mira", "Mira Hoffmann", Role.PRACTITIONER),
            new Person("lena", "Lena Vogt", Role.MANAGER),
            new Person("tom", "Tom Schneider", Role.MANAGER),
            new Person("dpo", "Deniz Yilmaz", Role.DATA_PROTECTION_OFFICER));

    private final AccountAdministration accounts;
    private final ObjectProvider<DemoContent> contributors;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoData(AccountAdministration accounts, ObjectProvider<DemoContent> contributors, TransactionTemplate tx,
            Clock clock) {
        this.accounts = accounts;
        this.contributors = contributors;
        this.tx = tx;
        this.clock = clock;
    }

    int fill(PrintStream out) {
        if (accounts.installationSetUp()) {
            out.println("demo-data refused: this database already has accounts. Use an empty data directory, "
                    + "for example EXITWORK_DATA_DIR=./demo-data.");
            return 1;
        }
        NewAccount admin = tx.execute(status -> accounts.createOrganisation(ORGANISATION, "admin", "Ada Admin"));
        DemoContext demo = new DemoContext(admin.member().organisationId(), LocalDate.now(clock));
        List<NewAccount> staff = tx.execute(status -> STAFF.stream().map(p -> accounts.createStaff(
                demo.organisationId(), p.username(), p.name(), p.role(), false)).toList());
        for (NewAccount account : staff) {
            demo.put("staff." + account.member().username(), principal(account.member()));
        }
        contributors.stream().sorted(Comparator.comparingInt(DemoContent::order)).forEach(c -> c.fill(demo));

        out.println("Demo organisation \"" + ORGANISATION + "\" created. Every person and every story in it is made up.");
        out.println("Start Exitwork (java -jar exitwork.jar) and sign in with one of these:");
        for (NewAccount account : staff) {
            out.println("  " + account.member().displayName() + ", " + roleInWords(account.member().role())
                    + ": user " + account.member().username() + ", password " + account.temporaryPassword());
        }
        for (DemoContext.SignIn other : demo.signIns()) {
            out.println("  " + other.displayName() + ", " + other.inWords() + ": user " + other.username() + ", password "
                    + other.password());
        }
        out.println("  " + admin.member().displayName() + ", administrator (manages accounts, reads no case): user "
                + admin.member().username() + ", password " + admin.temporaryPassword()
                + " (choose a new one at the first sign-in)");
        out.println("Second factor: every account, demo ones too, sets it up at its first sign-in.");
        out.println("  After the password Exitwork shows a QR code: scan it with an authenticator app on your phone");
        out.println("  and type the six-digit code the app shows. Keep the recovery codes (shown once).");
        out.println("  From then on every sign-in asks for the app's current code.");
        out.println("Anna, Jonas and Mira carry the cases (Anna and Jonas are Max's tandem); Lena and Tom manage,");
        out.println("and Lena's overview shows the set-up list; Deniz reads the audit log.");
        return 0;
    }

    private static String roleInWords(Role role) {
        return switch (role) {
            case PRACTITIONER -> "practitioner";
            case MANAGER -> "programme manager";
            case DATA_PROTECTION_OFFICER -> "data protection officer";
            case ADMIN -> "administrator";
            case PEER -> "peer of another organisation";
        };
    }

    private static StaffPrincipal principal(StaffMember m) {
        return new StaffPrincipal(m.id(), m.organisationId(), m.username(), m.displayName(), m.role());
    }
}
