package org.exitwork.accounts.internal.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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

        /** Too many failures of this name from this address: not even checked, for {@code seconds}. */
        record Refused(long seconds) implements PasswordResult {
        }
    }

    /** Failed attempts on an account since its holder last signed in, told at the next sign-in. */
    public record FailedAttempts(int count, Instant latest) implements java.io.Serializable {
    }

    // For a name nobody has: the same UPDATE runs and finds no row, so both cost the same.
    private static final UUID NOBODY = new UUID(0, 0);

    private final AccountRepository accounts;
    private final AttemptRepository attempts;
    private final Passwords passwords;
    private final SecondFactor secondFactor;
    private final SystemSecrets secrets;
    private final AuditLog audit;
    private final SignInLimits limits;
    private final FailureRecords failureRecords;
    private final Clock clock;

    SignInService(AccountRepository accounts, AttemptRepository attempts, Passwords passwords,
            SecondFactor secondFactor, SystemSecrets secrets, AuditLog audit, SignInLimits limits,
            FailureRecords failureRecords, Clock clock) {
        this.accounts = accounts;
        this.attempts = attempts;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.secrets = secrets;
        this.audit = audit;
        this.limits = limits;
        this.failureRecords = failureRecords;
        this.clock = clock;
    }

    /**
     * The password step. Known, unknown and deactivated names take the same path at the same cost: the
     * attempts of the name from this address are read, one Argon2 comparison is made (against a dummy
     * hash when there is no account), a failure is counted for the name and address, the account's
     * notice counter is updated (no row when there is none) and one audit entry is written (up to the day's
     * budget of recorded failures, {@link FailureRecords}). Nobody
     * else's attempts, from other addresses, are slowed or refused by these.
     */
    @Transactional
    public PasswordResult checkPassword(String username, String password, String clientAddress) {
        SignInPolicy policy = limits.policy();
        String name = Usernames.normalise(username);
        String key = attemptKey(name, clientAddress);
        Instant now = clock.instant();
        Instant forgottenBefore = now.minus(policy.refuseDuration());
        AttemptRepository.Attempts remembered = attempts.find(key, forgottenBefore);
        if (remembered.refusedAt(now)) {
            // To the nearest second: the database keeps times to the microsecond, rounded or cut.
            long nanos = Duration.between(now, remembered.refusedUntil()).toNanos();
            return new PasswordResult.Refused(Math.max(1, (nanos + 500_000_000L) / 1_000_000_000L));
        }
        Optional<Account> found = accounts.byUsername(name);
        Optional<Account> usable = found.filter(Account::active);
        boolean matches;
        if (usable.isPresent()) {
            matches = passwords.matches(password, usable.get().passwordHash());
        } else {
            passwords.burnTime(password);
            matches = false;
        }
        if (matches) {
            attempts.forget(key);
            Account account = usable.get();
            NextStep next = account.mustChangePassword() ? NextStep.CHANGE_PASSWORD
                    : account.totpEnrolled() ? NextStep.ENTER_CODE : NextStep.ENROL_SECOND_FACTOR;
            return new PasswordResult.Accepted(account.principal(), next);
        }
        int failures = attempts.fail(key, now, forgottenBefore, policy.refuseAfter(), now.plus(policy.refuseDuration()));
        attempts.forgetBefore(forgottenBefore);
        accounts.countFailedAttempt(usable.map(Account::id).orElse(NOBODY), now);
        String detail = usable.isPresent() ? AuditDetail.of("signin.wrong-password", failures)
                : AuditDetail.of(found.isPresent() ? "signin.account-deactivated" : "signin.unknown-account");
        failureRecords.failed(new AuditEvent(found.map(Account::organisationId).orElse(null), null, null,
                AccountActions.SIGN_IN_FAILED, found.map(Account::username).orElse(null), detail));
        return new PasswordResult.Rejected(policy.delayFor(failures));
    }

    /** A keyed hash: the table never holds a typed name (perhaps a password in the wrong field) or an address. */
    private String attemptKey(String name, String clientAddress) {
        byte[] tag = secrets.mac().tag((name + "\n" + clientAddress).getBytes(StandardCharsets.UTF_8));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tag));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A wrong second-factor code: counted on the account, whose code step locks after too many (the
     * code comes after the right password, so only someone who has it can lock it this way).
     */
    private void codeFailure(Account account, String detailCode) {
        SignInPolicy policy = limits.policy();
        int failures = account.failedAttempts() + 1;
        audit.record(auditOf(account, AccountActions.SECOND_FACTOR_FAILED, AuditDetail.of(detailCode, failures)));
        accounts.countFailedAttempt(account.id(), clock.instant());
        if (failures >= policy.lockAfter()) {
            Instant until = clock.instant().plus(policy.lockDuration());
            accounts.recordFailure(account.id(), 0, until);
            audit.record(auditOf(account, AccountActions.ACCOUNT_LOCKED, AuditDetail.of("account.locked-until", until)));
            return;
        }
        accounts.recordFailure(account.id(), failures, null);
    }

    /**
     * At a full sign-in: the failed attempts on the account since the last one, if any, for the holder
     * to see once; counting starts again.
     */
    @Transactional
    public Optional<FailedAttempts> takeFailedAttempts(StaffPrincipal who) {
        Optional<FailedAttempts> seen = accounts.failedAttemptsSinceSignIn(who.id())
                .map(f -> new FailedAttempts(f.count(), f.latest()));
        if (seen.isPresent()) {
            accounts.clearFailedAttemptsSinceSignIn(who.id());
            audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    AccountActions.FAILED_ATTEMPTS_SHOWN, who.username(),
                    AuditDetail.of("signin.failed-attempts-shown", seen.get().count())));
        }
        return seen;
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
        if (account.lockedAt(clock.instant()) || !account.active()) {
            throw new LockedOutException();
        }
        if (account.totpEnrolled() || account.totpSecret() == null) {
            return Optional.empty();
        }
        String secret = accountRow(who.id()).open("totp_secret", account.totpSecret());
        OptionalLong step = secondFactor.verify(secret, code, null);
        if (step.isEmpty()) {
            codeFailure(account, "signin.wrong-enrolment-code");
            lockedOutIfLocked(account);
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
        codeFailure(account, "signin.wrong-code");
        lockedOutIfLocked(account);
        return false;
    }

    private void lockedOutIfLocked(Account account) {
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
        return limits.policy().delayFor(accounts.byId(staffId).map(Account::failedAttempts).orElse(0));
    }

    /** The TOTP secret is encrypted with the system key, bound to the account's row. */
    private RowCipher accountRow(UUID staffId) {
        return secrets.cipher().row("acc_staff", staffId);
    }

    private static AuditEvent auditOf(Account account, String action, String detail) {
        return new AuditEvent(account.organisationId(), account.id(), account.username(), action, account.username(),
                detail);
    }

    /** Too many wrong codes: the code step is locked for a while. */
    static class LockedOutException extends RuntimeException {
    }
}
