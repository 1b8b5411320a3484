package org.exitwork.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.RegisteredClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Organisations, staff and clients for tests, made through the modules' public API. */
public class Fixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    public record Organisation(UUID id, StaffPrincipal admin, String adminPassword) {
    }

    public record Staff(StaffPrincipal principal, String password) {
    }

    private final AccountAdministration accounts;
    private final CaseWork cases;

    Fixtures(AccountAdministration accounts, CaseWork cases) {
        this.accounts = accounts;
        this.cases = cases;
    }

    public static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public Organisation organisation() {
        NewAccount admin = accounts.createOrganisation(unique("Org "), unique("admin"), "Admin");
        return new Organisation(admin.member().organisationId(), principal(admin.member()), admin.temporaryPassword());
    }

    public StaffPrincipal staff(Organisation org, Role role) {
        return staffWithPassword(org, role).principal();
    }

    public Staff staffWithPassword(Organisation org, Role role) {
        NewAccount created = accounts.createStaff(org.id(), unique(role.name().toLowerCase().substring(0, 4)),
                unique("Name "), role, false);
        return new Staff(principal(created.member()), created.temporaryPassword());
    }

    public RegisteredClient client(StaffPrincipal practitioner, StaffPrincipal second, String fullName) {
        return cases.registerClient(practitioner,
                new ClientIdentity(fullName, LocalDate.of(1999, 1, 2), "contact of " + fullName, "alias of " + fullName),
                second.id());
    }

    public void note(StaffPrincipal author, UUID clientId, String text) {
        cases.writeNote(author, clientId, LocalDate.now(), text);
    }

    /** Signed in with both factors, for MockMvc. */
    public static RequestPostProcessor as(StaffPrincipal who) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(who, null,
                List.of(new SimpleGrantedAuthority(who.role().authority()))));
    }

    /** Signed in with the password only: the second factor is still missing. */
    public static RequestPostProcessor passwordOnly(StaffPrincipal who) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(who, null,
                List.of(new SimpleGrantedAuthority("SIGN_IN_PASSWORD_VERIFIED"))));
    }

    public static StaffPrincipal principal(StaffMember m) {
        return new StaffPrincipal(m.id(), m.organisationId(), m.username(), m.displayName(), m.role());
    }
}
