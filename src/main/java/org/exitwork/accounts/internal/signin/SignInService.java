package org.exitwork.accounts.internal.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.Account;
import org.exitwork.accounts.internal.account.AccountActions;
import org.exitwork.accounts.internal.account.AccountRepository;
import org.exitwork.accounts.internal.account.Passwords;
import org.exitwork.accounts.internal.account.Usernames;
import org.exitwork.accounts.internal.settings.SignInPolicy;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.FieldCipher.RowCipher;
import org.exitwork.keys.SystemSecrets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The steps of signing in: password, new password if required, second factor (enrolment or code). */
@Service
public class SignInService {

    /** What the person must do next after the password was accepted. */
    enum NextStep {
        CHANGE_PASSWORD, ENROL_SECOND_FACTOR, ENTER_CODE
    }

    sealed interface PasswordResult {
        record Accepted(StaffPrincipal principal, NextStep next) implements PasswordResult {
        }

        record Rejected(Duration delay) implements PasswordResult {
        }
    }

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final SecondFactor secondFactor;
    private final SystemSecrets secrets;
    private final AuditLog audit;
    private final SignInPolicy policy;
    private final Clock clock;

    SignInService(AccountRepository accounts, Passwords passwords, SecondFactor secondFactor, SystemSecrets secrets,
            AuditLog audit, SignInPolicy policy, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.secrets = secrets;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional
    public PasswordResult checkPassword(String username, String password) {
        Optional<Account> found = accounts.byUsername(Usernames.normalise(username));
        if (found.isEmpty() || !found.get().active()) {
            passwords.burnTime(password);
            audit.record(new AuditEvent(found.map(Account::organisationId).orElse(null), null, null,
                    AccountActions.SIGN_IN_FAILED, found.map(Account::username).orElse(null),
                    AuditDetail.of(found.isPresent() ? "signin.account-deactivated" : "signin.unknown-account")));
            return new PasswordResult.Rejected(Duration.ZERO);
        }
        Account account = accounts.byIdForUpdate(found.get().id()).orElseThrow();
        Instant now = clock.instant();
        if (account.lockedAt(now)) {
            passwords.burnTime(password);
            audit.record(auditOf(account, AccountActions.SIGN_IN_REFUSED_LOCKED, AuditDetail.of("signin.locked", account.lockedUntil())));
            return new PasswordResult.Rejected(Duration.ZERO);
        }
        if (!passwords.matches(password, account.passwordHash())) {
            return new PasswordResult.Rejected(failure(account, AccountActions.SIGN_IN_FAILED, "signin.wrong-password"));
        }
        NextStep next = account.mustChangePassword() ? NextStep.CHANGE_PASSWORD
                : account.totpEnrolled() ? NextStep.ENTER_CODE : NextStep.ENROL_SECOND_FACTOR;
        return new PasswordResult.Accepted(account.principal(), next);
    }

    /** Counts a failure, locks the account when there were too many, and says how long to hold the answer. */
    private Duration failure(Account account, String action, String detailCode) {
        int failures = account.failedAttempts() + 1;
        audit.record(auditOf(account, action, AuditDetail.of(detailCode, failures)));
        if (failures >= policy.lockAfter()) {
            Instant until = clock.instant().plus(policy.lockDuration());
            accounts.recordFailure(account.id(), 0, until);
            audit.record(auditOf(account, AccountActions.ACCOUNT_LOCKED, AuditDetail.of("account.locked-until", until)));
            return policy.delayFor(failures);
        }
        accounts.recordFailure(account.id(), failures, null);
        return policy.delayFor(failures);
    }

    @Transactional(readOnly = true)
    public NextStep nextStep(UUID staffId) {
        Account account = accounts.byId(staffId).orElseThrow();
        return account.mustChangePassword() ? NextStep.CHANGE_PASSWORD
                : account.totpEnrolled() ? NextStep.ENTER_CODE : NextStep.ENROL_SECOND_FACTOR;
    }

    @Transactional(readOnly = true)
    public boolean passwordMatches(UUID staffId, String password) {
        return passwords.matches(password, accounts.byId(staffId).orElseThrow().passwordHash());
    }

    @Transactional
    public void changePassword(StaffPrincipal who, String newPassword) {
        accounts.setPassword(who.id(), passwords.hash(newPassword), false);
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), AccountActions.PASSWORD_CHANGED,
                who.username(), null));
    }

    /** A fresh secret for enrolment, stored encrypted until the first code confirms it. */
    @Transactional
    public String startEnrolment(StaffPrincipal who) {
        Account account = accounts.byId(who.id()).orElseThrow();
        if (account.totpEnrolled()) {
            throw new IllegalStateException("second factor already enrolled");
        }
        if (account.totpSecret() != null) {
            return accountRow(who.id()).open("totp_secret", account.totpSecret());
        }
        String secret = secondFactor.newSecret();
        accounts.setPendingTotpSecret(who.id(), accountRow(who.id()).seal("totp_secret", secret));
        return secret;
    }

    String qrCode(String secret, StaffPrincipal who, String issuer) {
        return secondFactor.qrCodeDataUri(secret, who.username(), issuer);
    }

    /** @return the new recovery codes when the code confirms the enrolment */
    @Transactional(noRollbackFor = LockedOutException.class)
    public Optional<List<String>> confirmEnrolment(StaffPrincipal who, String code) {
        Account account = accounts.byIdForUpdate(who.id()).orElseThrow();
        if (account.totpEnrolled() || account.totpSecret() == null) {
            return Optional.empty();
        }
        String secret = accountRow(who.id()).open("totp_secret", account.totpSecret());
        OptionalLong step = secondFactor.verify(secret, code, null);
        if (step.isEmpty()) {
            checkLock(account, "signin.wrong-enrolment-code");
            return Optional.empty();
        }
        accounts.confirmTotp(who.id(), step.getAsLong());
        List<String> codes = secondFactor.newRecoveryCodes();
        accounts.replaceRecoveryCodes(who.id(), codes.stream().map(SecondFactor::hashRecoveryCode).toList());
        audit.record(auditOf(account, AccountActions.SECOND_FACTOR_ENROLLED, null));
        signedIn(account);
        return Optional.of(codes);
    }

    /** Checks a TOTP code or, failing that, an unused recovery code. */
    @Transactional(noRollbackFor = LockedOutException.class)
    public boolean verifyCode(StaffPrincipal who, String code) {
        Account account = accounts.byIdForUpdate(who.id()).orElseThrow();
        if (account.lockedAt(clock.instant()) || !account.active() || !account.totpEnrolled()) {
            throw new LockedOutException();
        }
        String secret = accountRow(who.id()).open("totp_secret", account.totpSecret());
        OptionalLong step = secondFactor.verify(secret, code, account.totpLastStep());
        if (step.isPresent()) {
            accounts.useTotpStep(who.id(), step.getAsLong());
            signedIn(account);
            return true;
        }
        if (code != null && code.strip().length() > 6
                && accounts.useRecoveryCode(who.id(), SecondFactor.hashRecoveryCode(code), clock.instant())) {
            audit.record(auditOf(account, AccountActions.RECOVERY_CODE_USED,
                    AuditDetail.of("signin.recovery-codes-left", accounts.unusedRecoveryCodes(who.id()))));
            signedIn(account);
            return true;
        }
        checkLock(account, "signin.wrong-code");
        return false;
    }

    private void checkLock(Account account, String detailCode) {
        failure(account, AccountActions.SECOND_FACTOR_FAILED, detailCode);
        if (accounts.byId(account.id()).orElseThrow().lockedAt(clock.instant())) {
            throw new LockedOutException();
        }
    }

    private void signedIn(Account account) {
        accounts.clearFailures(account.id());
        audit.record(auditOf(account, AccountActions.SIGN_IN, AuditDetail.of("account.role", account.role())));
    }

    @Transactional
    public void signedOut(StaffPrincipal who) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), AccountActions.SIGN_OUT,
                who.username(), null));
    }

    Duration delayFor(UUID staffId) {
        return policy.delayFor(accounts.byId(staffId).map(Account::failedAttempts).orElse(0));
    }

    /** The TOTP secret is encrypted with the system key, bound to the account's row. */
    private RowCipher accountRow(UUID staffId) {
        return secrets.cipher().row("acc_staff", staffId);
    }

    private static AuditEvent auditOf(Account account, String action, String detail) {
        return new AuditEvent(account.organisationId(), account.id(), account.username(), action, account.username(),
                detail);
    }

    /** Too many wrong codes: the account is now locked for a while. */
    static class LockedOutException extends RuntimeException {
    }
}
