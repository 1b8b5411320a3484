package org.exitwork.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final Map<UUID, StaffPrincipal> managers = new ConcurrentHashMap<>();

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

    /** A client taken on the way R1 asks: prospect, the manager's safety discussion, consent. */
    public RegisteredClient client(StaffPrincipal practitioner, StaffPrincipal second, String fullName) {
        RegisteredClient prospect = prospect(practitioner);
        safetyDiscussion(prospect.id(), practitioner);
        cases.takeOn(practitioner, prospect.id(), consent(practitioner.organisationId(), "en"),
                new ClientIdentity(fullName, LocalDate.of(1999, 1, 2), "contact of " + fullName, "alias of " + fullName),
                Tandem.with(second.id()));
        return prospect;
    }

    public RegisteredClient prospect(StaffPrincipal practitioner) {
        return cases.openProspect(practitioner,
                new NewProspect(Pathway.SELF_REFERRAL, Set.of(PhenomenonArea.UNCLEAR), false));
    }

    /** The safety discussion, recorded by the organisation's fixture manager. */
    public void safetyDiscussion(UUID clientId, StaffPrincipal practitioner) {
        cases.recordSafetyDiscussion(manager(practitioner.organisationId()), clientId,
                new SafetyDiscussion(LocalDate.now().minusDays(1), "Risks to staff considered in the test",
                        Set.of(practitioner.id())));
    }

    public ParticipationConsent consent(UUID organisationId, String language) {
        return new ParticipationConsent(LocalDate.now().minusDays(1), InformedHow.TALK_AND_TEXT_HANDED_OVER,
                cases.currentInformationText(organisationId, language), language);
    }

    /** One manager per organisation, made on first use. */
    public StaffPrincipal manager(UUID organisationId) {
        return managers.computeIfAbsent(organisationId, org -> principal(accounts.createStaff(org,
                unique("mana"), unique("Manager "), Role.MANAGER, false).member()));
    }

    public void note(StaffPrincipal author, UUID clientId, String text) {
        cases.writeNote(author, clientId, LocalDate.now(), text);
    }

    /** Signed in with both factors, for MockMvc. */
    public static RequestPostProcessor as(StaffPrincipal who) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(who, null,
                List.of(new SimpleGrantedAuthority(who.role().authority()))));
    }

    /**
     * The form-token check waived for one test request, leaving the application's token store as it is.
     * Spring Security's {@code csrf()} instead swaps the store of the application's CSRF filter for a test
     * one, for good: on the browser lane's application, which Chromium and real HTTP use after it, that
     * replaced {@code FormTokens} with a plain session store for every later class (a post by nobody then
     * started a session, in the full run only). Classes on a real port use this one.
     */
    public static RequestPostProcessor formTokenWaived() {
        return request -> {
            org.springframework.security.web.csrf.CsrfFilter.skipRequest(request);
            return request;
        };
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
