package org.exitwork.accounts.internal.resets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.Account;
import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.accounts.internal.account.AccountRepository;
import org.exitwork.accounts.internal.account.AccountSessions;
import org.exitwork.accounts.internal.account.Passwords;
import org.exitwork.accounts.internal.passkeys.Passkeys;
import org.exitwork.accounts.internal.settings.ResetPolicy;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resetting another person's password or second factor (R6): nobody who cannot read a case may,
 * alone, make themselves able to. The administrator only asks; a manager who is neither the asker
 * nor the account holder, and whose account existed well before the request, approves or refuses.
 * A new temporary password is shown once, to the approver only, who hands it over in person; the
 * holder is told at the next sign-in who reset what and when.
 */
@Service
public class ResetRequests {

    /** How long after approving the approver may look at the temporary password (once). */
    static final Duration PASSWORD_LOOK_WINDOW = Duration.ofMinutes(15);

    /** A waiting request as a manager sees it; {@code notYours} names why this manager may not approve. */
    record Waiting(UUID id, ResetKind kind, String holderName, String holderUsername, Role holderRole,
            String requesterName, Role requesterRole, LocalDateTime requestedAt, String notYours) {
    }

    /** What the account holder is told at the next sign-in. */
    record Notice(UUID id, ResetKind kind, LocalDateTime requestedAt, String requesterName, Role requesterRole,
            String approverName, Role approverRole, LocalDateTime approvedAt) {
    }

    /** This manager may not decide this request (the reason is a message key). */
    static class NotYours extends RuntimeException {
        public final String reason;

        NotYours(String reason) {
            super(reason);
            this.reason = reason;
        }
    }

    /** The request can no longer be decided, or asked for (the reason is a message key). */
    public static class Closed extends RuntimeException {
        public final String reason;

        public Closed(String reason) {
            super(reason);
            this.reason = reason;
        }
    }

    /** The one look at a temporary password has been taken, or its time has passed. */
    static class Gone extends RuntimeException {
    }

    private final ResetRequestRepository requests;
    private final AccountRepository accounts;
    private final Passwords passwords;
    private final AccountSessions sessions;
    private final AuditLog audit;
    private final ResetPolicy policy;
    private final Clock clock;
    private final Passkeys passkeys;

    ResetRequests(ResetRequestRepository requests, AccountRepository accounts, Passwords passwords,
            AccountSessions sessions, AuditLog audit, ResetPolicy policy, Clock clock, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.requests = requests;
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    /** The administrator asks; nothing about the account changes yet. */
    @Transactional
    public UUID request(StaffPrincipal admin, UUID staffId, ResetKind kind) {
        Account holder = accounts.inOrganisation(admin.organisationId(), staffId).orElseThrow(NotFoundException::new);
        // The holder's row lock makes two simultaneous requests for the same account wait for each other.
        accounts.byIdForUpdate(holder.id());
        if (!holder.active()) {
            throw new Closed("reset.problem.inactive");
        }
        Instant now = clock.instant();
        if (requests.waitingFor(holder.id(), kind, now.minus(policy.requestValidity()))) {
            throw new Closed("reset.problem.already-waiting");
        }
        UUID id = UUID.randomUUID();
        requests.insert(id, admin.organisationId(), holder.id(), kind, admin.id(), now);
        audit.record(new AuditEvent(admin.organisationId(), admin.id(), admin.username(), AccountActions.RESET_REQUESTED,
                holder.username(), detail(kind, id)));
        return id;
    }

    /** Waiting requests of the manager's organisation, each saying whether this manager may decide it. */
    @Transactional(readOnly = true)
    public List<Waiting> waiting(StaffPrincipal manager) {
        Account me = accounts.byId(manager.id()).orElseThrow();
        Instant since = clock.instant().minus(policy.requestValidity());
        List<ResetRequest> open = requests.waiting(manager.organisationId(), since);
        Map<UUID, Account> people = people(manager.organisationId(), open);
        Optional<Instant> myAccountCreated = requests.accountCreatedAt(me.id());
        return open.stream().map(r -> {
            Account holder = people.get(r.staffId());
            Account requester = people.get(r.requestedBy());
            return new Waiting(r.id(), r.kind(), holder.displayName(), holder.username(), holder.role(),
                    requester.displayName(), requester.role(), local(r.requestedAt()),
                    whyNot(me, myAccountCreated.orElseThrow(), r).orElse(null));
        }).toList();
    }

    /** For the administrator's page: the kinds of reset (their names) waiting for each account. */
    @Transactional(readOnly = true)
    public Map<UUID, Set<String>> waitingByAccount(UUID organisationId) {
        return requests.waiting(organisationId, clock.instant().minus(policy.requestValidity())).stream()
                .collect(Collectors.groupingBy(ResetRequest::staffId,
                        Collectors.mapping(r -> r.kind().name(), Collectors.toSet())));
    }

    /**
     * Approves and carries out the reset: a password reset makes the old password useless at once
     * (the temporary one is made when the approver looks at it), a second-factor reset clears the
     * authenticator and the recovery codes. Either way every open session of the account ends.
     */
    @Transactional(noRollbackFor = NotYours.class)
    public ResetKind approve(StaffPrincipal manager, UUID id) {
        ResetRequest request = decidable(manager, id, true);
        Account holder = accounts.byIdForUpdate(request.staffId()).orElseThrow();
        if (!holder.active()) {
            throw new Closed("reset.problem.inactive");
        }
        Instant now = clock.instant();
        if (!requests.decide(id, ResetRequest.Decision.APPROVED, manager.id(), now,
                now.minus(policy.requestValidity()))) {
            throw new Closed("reset.problem.decided");
        }
        if (request.kind() == ResetKind.PASSWORD) {
            // Nobody knows this password: it only shuts out whoever knew the old one.
            accounts.setPassword(holder.id(), passwords.hash(passwords.generate()), true);
            accounts.clearFailures(holder.id());
        } else {
            accounts.resetSecondFactor(holder.id());
            // The lost phone may have held a passkey too: the holder registers new ones after enrolling.
            passkeys.removeAllOf(holder.id());
        }
        sessions.end(holder.username());
        audit.record(new AuditEvent(manager.organisationId(), manager.id(), manager.username(),
                AccountActions.RESET_APPROVED, holder.username(), detail(request.kind(), id)));
        return request.kind();
    }

    @Transactional(noRollbackFor = NotYours.class)
    public void refuse(StaffPrincipal manager, UUID id) {
        ResetRequest request = decidable(manager, id, false);
        Instant now = clock.instant();
        if (!requests.decide(id, ResetRequest.Decision.REFUSED, manager.id(), now,
                now.minus(policy.requestValidity()))) {
            throw new Closed("reset.problem.decided");
        }
        Account holder = accounts.byId(request.staffId()).orElseThrow();
        audit.record(new AuditEvent(manager.organisationId(), manager.id(), manager.username(),
                AccountActions.RESET_REFUSED, holder.username(), detail(request.kind(), id)));
    }

    /**
     * The one look at the new temporary password, by its approver, within {@link #PASSWORD_LOOK_WINDOW}
     * of approving. The password is made here and kept nowhere but in its hash: a lost page means a
     * new request.
     */
    @Transactional(noRollbackFor = Gone.class)
    public String showPassword(StaffPrincipal manager, UUID id) {
        ResetRequest request = requests.inOrganisation(manager.organisationId(), id)
                .filter(r -> r.kind() == ResetKind.PASSWORD && r.decision() == ResetRequest.Decision.APPROVED
                        && manager.id().equals(r.decidedBy()))
                .orElseThrow(NotFoundException::new);
        Instant now = clock.instant();
        if (!requests.claimPasswordLook(id, manager.id(), now, now.minus(PASSWORD_LOOK_WINDOW))) {
            throw new Gone();
        }
        Account holder = accounts.byIdForUpdate(request.staffId()).orElseThrow();
        String password = passwords.generate();
        accounts.setPassword(holder.id(), passwords.hash(password), true);
        audit.record(new AuditEvent(manager.organisationId(), manager.id(), manager.username(),
                AccountActions.TEMPORARY_PASSWORD_SHOWN, holder.username(), AuditDetail.of("reset.request", id)));
        return password;
    }

    @Transactional(readOnly = true)
    public String holderUsername(StaffPrincipal manager, UUID id) {
        return requests.inOrganisation(manager.organisationId(), id)
                .flatMap(r -> accounts.byId(r.staffId())).map(Account::username).orElseThrow(NotFoundException::new);
    }

    /** Approved resets of the signed-in person's own account that they have not acknowledged yet. */
    @Transactional(readOnly = true)
    public List<Notice> noticesFor(StaffPrincipal holder) {
        List<ResetRequest> approved = requests.unacknowledged(holder.id());
        Map<UUID, Account> people = people(holder.organisationId(), approved);
        return approved.stream().map(r -> {
            Account requester = people.get(r.requestedBy());
            Account approver = people.get(r.decidedBy());
            return new Notice(r.id(), r.kind(), local(r.requestedAt()), requester.displayName(), requester.role(),
                    approver.displayName(), approver.role(), local(r.decidedAt()));
        }).toList();
    }

    @Transactional(readOnly = true)
    public boolean hasNotices(UUID staffId) {
        return !requests.unacknowledged(staffId).isEmpty();
    }

    /** The holder has read the notices; each acknowledgement lands in their audit trail. */
    @Transactional
    public void acknowledge(StaffPrincipal holder, Set<UUID> ids) {
        Instant now = clock.instant();
        for (ResetRequest r : requests.unacknowledged(holder.id())) {
            if (ids.contains(r.id()) && requests.acknowledge(r.id(), holder.id(), now)) {
                audit.record(new AuditEvent(holder.organisationId(), holder.id(), holder.username(),
                        AccountActions.RESET_NOTICE_ACKNOWLEDGED, holder.username(), detail(r.kind(), r.id())));
            }
        }
    }

    /** The request, if this manager may decide it; a refused attempt is audited and answered with {@link NotYours}. */
    private ResetRequest decidable(StaffPrincipal manager, UUID id, boolean approving) {
        ResetRequest request = requests.inOrganisation(manager.organisationId(), id).orElseThrow(NotFoundException::new);
        Account me = accounts.byId(manager.id()).orElseThrow();
        Optional<String> whyNot = approving
                ? whyNot(me, requests.accountCreatedAt(me.id()).orElseThrow(), request)
                : me.role() != Role.MANAGER ? Optional.of("reset.not-yours.role")
                : me.id().equals(request.requestedBy()) ? Optional.of("reset.not-yours.requester")
                : Optional.empty();
        if (whyNot.isPresent()) {
            Account holder = accounts.byId(request.staffId()).orElseThrow();
            audit.recordIndependently(new AuditEvent(manager.organisationId(), manager.id(), manager.username(),
                    AccountActions.RESET_APPROVAL_DENIED, holder.username(),
                    AuditDetail.of(request.kind() == ResetKind.PASSWORD ? "reset.password-denied"
                            : "reset.second-factor-denied", id, whyNot.get().substring("reset.not-yours.".length()))));
            throw new NotYours(whyNot.get());
        }
        if (!request.waiting()) {
            throw new Closed("reset.problem.decided");
        }
        if (!request.requestedAt().isAfter(clock.instant().minus(policy.requestValidity()))) {
            throw new Closed("reset.problem.expired");
        }
        return request;
    }

    /**
     * Why this person may not approve: only a manager, never the one who asked, never the account
     * holder, and never an account made shortly before the request (an administrator could
     * otherwise create a manager account, and know its password, to approve their own request).
     */
    private Optional<String> whyNot(Account approver, Instant approverCreatedAt, ResetRequest request) {
        if (approver.role() != Role.MANAGER || !approver.active()) {
            return Optional.of("reset.not-yours.role");
        }
        if (approver.id().equals(request.requestedBy())) {
            return Optional.of("reset.not-yours.requester");
        }
        if (approver.id().equals(request.staffId())) {
            return Optional.of("reset.not-yours.holder");
        }
        if (approverCreatedAt.isAfter(request.requestedAt().minus(policy.approverMinimumAge()))) {
            return Optional.of("reset.not-yours.new-account");
        }
        return Optional.empty();
    }

    private Map<UUID, Account> people(UUID organisationId, List<ResetRequest> list) {
        Set<UUID> ids = new HashSet<>();
        for (ResetRequest r : list) {
            ids.add(r.staffId());
            ids.add(r.requestedBy());
            if (r.decidedBy() != null) {
                ids.add(r.decidedBy());
            }
        }
        return accounts.byIds(organisationId, ids).stream().collect(Collectors.toMap(Account::id, a -> a));
    }

    private static LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneId.systemDefault());
    }

    private static String detail(ResetKind kind, UUID id) {
        return AuditDetail.of(kind == ResetKind.PASSWORD ? "reset.password" : "reset.second-factor", id);
    }
}
