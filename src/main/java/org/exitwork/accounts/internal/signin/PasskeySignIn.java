package org.exitwork.accounts.internal.signin;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.Account;
import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.accounts.internal.account.AccountRepository;
import org.exitwork.accounts.internal.passkeys.PasskeyActions;
import org.exitwork.accounts.internal.passkeys.Passkeys;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing in with a passkey, with or without the password before it. The passkey stands for the
 * second factor; the device verified its user (PIN, fingerprint, face), so without the password it
 * is two factors on its own. A deactivated or locked account is refused as with the password.
 */
@Service
class PasskeySignIn {

    /** What the passkey opened: nothing, the full sign-in, or the password change that comes first. */
    sealed interface Outcome {
        record Refused() implements Outcome {
        }

        record SignedIn(StaffPrincipal who) implements Outcome {
        }

        /** A temporary password is replaced before anything else, as after the password step. */
        record MustChangePassword(StaffPrincipal who) implements Outcome {
        }
    }

    private final Passkeys passkeys;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final FailureRecords failureRecords;
    private final Clock clock;

    PasskeySignIn(Passkeys passkeys, AccountRepository accounts, AuditLog audit, FailureRecords failureRecords,
            Clock clock) {
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.audit = audit;
        this.failureRecords = failureRecords;
        this.clock = clock;
    }

    /**
     * @param passwordVerified the person whose password was just accepted, or {@code null} for a
     *        sign-in without password
     */
    @Transactional
    public Outcome signIn(Optional<Passkeys.Verified> verified, StaffPrincipal passwordVerified) {
        if (verified.isEmpty()) {
            refused(passwordVerified, null, "passkey.not-verified");
            return new Outcome.Refused();
        }
        UUID staffId = verified.get().staffId();
        if (passwordVerified != null && !passwordVerified.id().equals(staffId)) {
            refused(passwordVerified, null, "passkey.other-account");
            return new Outcome.Refused();
        }
        Account account = accounts.byIdForUpdate(staffId).orElseThrow();
        if (!account.active() || account.lockedAt(clock.instant())) {
            refused(null, account, "passkey.account-unavailable");
            return new Outcome.Refused();
        }
        if (passwordVerified == null && account.mustChangePassword()) {
            return new Outcome.MustChangePassword(account.principal());
        }
        accounts.clearFailures(account.id());
        audit.record(event(account, PasskeyActions.PASSKEY_SIGN_IN,
                AuditDetail.of(passwordVerified == null ? "passkey.passwordless" : "passkey.second-factor",
                        verified.get().passkeyId())));
        audit.record(event(account, AccountActions.SIGN_IN, AuditDetail.of("account.role", account.role())));
        return new Outcome.SignedIn(account.principal());
    }

    /** Recorded up to the day's budget of failed sign-ins ({@link FailureRecords}): anybody can fail here. */
    private void refused(StaffPrincipal who, Account account, String detail) {
        if (account != null) {
            failureRecords.failed(event(account, PasskeyActions.PASSKEY_SIGN_IN_FAILED, AuditDetail.of(detail)));
        } else if (who != null) {
            failureRecords.failed(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    PasskeyActions.PASSKEY_SIGN_IN_FAILED, who.username(), AuditDetail.of(detail)));
        } else {
            failureRecords.failed(new AuditEvent(null, null, null, PasskeyActions.PASSKEY_SIGN_IN_FAILED,
                    null, AuditDetail.of(detail)));
        }
    }

    private static AuditEvent event(Account account, String action, String detail) {
        return new AuditEvent(account.organisationId(), account.id(), account.username(), action, account.username(),
                detail);
    }
}
