package org.exitwork.accounts.internal.staff;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.OrganisationContact;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.StaffProfile;
import org.exitwork.accounts.internal.account.Account;
import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.accounts.internal.account.AccountRepository;
import org.exitwork.accounts.internal.account.AccountSessions;
import org.exitwork.accounts.internal.account.Passwords;
import org.exitwork.accounts.internal.organisation.OrganisationContacts;
import org.exitwork.accounts.internal.profiles.StaffProfiles;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organisations and staff accounts: creation, administration, look-ups. */
@Service
public class AccountService implements StaffDirectory, AccountAdministration {

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final AccountSessions sessions;
    private final StaffProfiles profiles;
    private final OrganisationContacts organisations;

    AccountService(AccountRepository accounts, Passwords passwords, AuditLog audit, Clock clock,
            AccountSessions sessions, StaffProfiles profiles, OrganisationContacts organisations) {
        this.profiles = profiles;
        this.organisations = organisations;
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.sessions = sessions;
    }

    @Override
    public void describeOrganisation(UUID organisationId, OrganisationContact contact) {
        organisations.update(organisationId, null, "command line", contact);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean installationSetUp() {
        return accounts.anyAccountExists();
    }

    /** The first-run set-up: the first organisation and its administrator with a chosen password. */
    @Transactional
    public StaffMember setUp(String organisationName, String displayName, String username, String password) {
        if (!accounts.claimInstallation(clock.instant()) || accounts.usernameTaken(username)) {
            throw new AlreadySetUpException();
        }
        UUID org = UUID.randomUUID();
        accounts.insertOrganisation(org, organisationName, clock.instant());
        Account admin = newAccount(org, username, displayName, Role.ADMIN, passwords.hash(password), false);
        accounts.insert(admin, clock.instant());
        audit.record(new AuditEvent(org, admin.id(), username, AccountActions.ORGANISATION_CREATED, organisationName,
                AuditDetail.of("account.first-run")));
        audit.record(new AuditEvent(org, admin.id(), username, AccountActions.ACCOUNT_CREATED, username, AuditDetail.of("account.role", Role.ADMIN)));
        return admin.member();
    }

    @Override
    @Transactional
    public NewAccount createOrganisation(String organisationName, String adminUsername, String adminDisplayName) {
        accounts.claimInstallation(clock.instant());
        if (accounts.usernameTaken(adminUsername)) {
            throw new UsernameTakenException();
        }
        UUID org = UUID.randomUUID();
        accounts.insertOrganisation(org, organisationName, clock.instant());
        audit.record(new AuditEvent(org, null, "command line", AccountActions.ORGANISATION_CREATED, organisationName,
                null));
        return create(org, null, "command line", adminUsername, adminDisplayName, Role.ADMIN, true);
    }

    @Override
    @Transactional
    public NewAccount createStaff(UUID organisationId, String username, String displayName, Role role,
            boolean temporary) {
        return create(organisationId, null, "command line", username, displayName, role, temporary);
    }

    @Override
    @Transactional
    public NewAccount invitePeer(StaffPrincipal manager, String username, String displayName) {
        if (!manager.is(Role.MANAGER)) {
            throw new org.exitwork.platform.ForbiddenException();
        }
        return create(manager.organisationId(), manager.id(), manager.username(), username, displayName, Role.PEER,
                true);
    }

    /** An administrator creates an account in their own organisation. */
    @Transactional
    public NewAccount createStaff(StaffPrincipal admin, String username, String displayName, Role role) {
        return create(admin.organisationId(), admin.id(), admin.username(), username, displayName, role, true);
    }

    private NewAccount create(UUID org, UUID actorId, String actorName, String username, String displayName, Role role,
            boolean temporary) {
        if (accounts.usernameTaken(username)) {
            throw new UsernameTakenException();
        }
        String password = passwords.generate();
        Account account = newAccount(org, username, displayName, role, passwords.hash(password), temporary);
        accounts.insert(account, clock.instant());
        audit.record(new AuditEvent(org, actorId, actorName, AccountActions.ACCOUNT_CREATED, username, AuditDetail.of("account.role", role)));
        return new NewAccount(account.member(), password);
    }

    private static Account newAccount(UUID org, String username, String displayName, Role role, String hash,
            boolean mustChange) {
        return new Account(UUID.randomUUID(), org, username, displayName, role, hash, mustChange, null, false, null, 0,
                null, true);
    }

    @Transactional(readOnly = true)
    public List<Account> staffOf(StaffPrincipal admin) {
        return accounts.ofOrganisation(admin.organisationId());
    }

    /** One page of the organisation's accounts, by name, fifty a page; of one role when given. */
    @Transactional(readOnly = true)
    public org.exitwork.platform.KeysetPage<Account> staffPage(StaffPrincipal admin, Role role, UUID after, UUID before) {
        int size = org.exitwork.platform.KeysetPage.SIZE;
        return org.exitwork.platform.KeysetPage.of(accounts.page(admin.organisationId(), role == null ? null : role.name(),
                after, before, size + 1), size, after, before, Account::id);
    }

    @Transactional(readOnly = true)
    public Optional<String> organisationName(UUID organisationId) {
        return accounts.organisationName(organisationId);
    }

    @Transactional
    public void unlock(StaffPrincipal admin, UUID staffId) {
        Account target = target(admin, staffId);
        accounts.clearFailures(target.id());
        audit.record(event(admin, AccountActions.ACCOUNT_UNLOCKED, target));
    }

    @Transactional
    public void setActive(StaffPrincipal admin, UUID staffId, boolean active) {
        Account target = target(admin, staffId);
        if (target.id().equals(admin.id()) && !active) {
            throw new CannotDeactivateSelfException();
        }
        accounts.setActive(target.id(), active);
        if (!active) {
            endSessions(target);
        }
        audit.record(event(admin, active ? AccountActions.ACCOUNT_REACTIVATED : AccountActions.ACCOUNT_DEACTIVATED,
                target));
    }

    private Account target(StaffPrincipal admin, UUID staffId) {
        return accounts.inOrganisation(admin.organisationId(), staffId)
                .orElseThrow(org.exitwork.platform.NotFoundException::new);
    }

    private void endSessions(Account account) {
        sessions.end(account.username());
    }

    private static AuditEvent event(StaffPrincipal actor, String action, Account target) {
        return new AuditEvent(actor.organisationId(), actor.id(), actor.username(), action, target.username(), null);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StaffMember> find(UUID organisationId, UUID staffId) {
        return accounts.inOrganisation(organisationId, staffId).map(Account::member);
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> practitioners(UUID organisationId) {
        return accounts.ofOrganisation(organisationId).stream()
                .filter(a -> a.active() && a.role() == Role.PRACTITIONER)
                .map(Account::member)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public org.exitwork.platform.KeysetPage<StaffMember> practitioners(UUID organisationId, UUID after, UUID before) {
        int size = org.exitwork.platform.KeysetPage.SIZE;
        return org.exitwork.platform.KeysetPage.of(accounts.page(organisationId, Role.PRACTITIONER.name(), true, after, before,
                size + 1).stream().map(Account::member).toList(), size, after, before, StaffMember::id);
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> team(UUID organisationId) {
        return accounts.ofOrganisation(organisationId).stream()
                .filter(a -> a.active() && (a.role() == Role.PRACTITIONER || a.role() == Role.MANAGER))
                .map(Account::member)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> team(UUID organisationId, int limit) {
        return accounts.team(organisationId, limit).stream().map(Account::member).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> teamMembers(UUID organisationId, Collection<UUID> staffIds) {
        return accounts.teamByIds(organisationId, staffIds).stream().map(Account::member).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> teamNamed(UUID organisationId, String text, int limit) {
        return accounts.teamNamed(organisationId, text, limit).stream().map(Account::member).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> managers(UUID organisationId) {
        return accounts.ofOrganisation(organisationId).stream()
                .filter(a -> a.active() && a.role() == Role.MANAGER)
                .map(Account::member)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, String> displayNames(UUID organisationId, Collection<UUID> staffIds) {
        return accounts.displayNames(organisationId, staffIds);
    }

    @Override
    public Map<UUID, StaffProfile> profiles(UUID organisationId, Collection<UUID> staffIds) {
        return profiles.profiles(organisationId, staffIds);
    }

    static class AlreadySetUpException extends RuntimeException {
    }

    static class UsernameTakenException extends AccountAdministration.UsernameTaken {
    }

    static class CannotDeactivateSelfException extends RuntimeException {
    }
}
