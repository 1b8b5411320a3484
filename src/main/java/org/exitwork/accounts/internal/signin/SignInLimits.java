package org.exitwork.accounts.internal.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import org.exitwork.accounts.internal.settings.SignInPolicy;
import org.exitwork.platform.AddressBuckets;
import org.springframework.stereotype.Component;

/**
 * The node's part of sign-in protection: the budget of attempts per client address (memory, see
 * {@link AddressBuckets}) and how a slowed answer is held back. Failures per name and address are
 * the database's part ({@link SignInService}).
 */
@Component
public class SignInLimits {

    /** Client addresses a node remembers at most; a flood from more addresses forgets the idle ones first. */
    static final int MAX_ADDRESSES = 100_000;

    private static final Consumer<Duration> SLEEP = delay -> {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    private final AddressBuckets perAddress;
    private final SignInPolicy configured;
    private volatile SignInPolicy policy;
    private volatile Consumer<Duration> hold = SLEEP;

    SignInLimits(SignInPolicy policy, Clock clock) {
        this.configured = policy;
        this.policy = policy;
        this.perAddress = new AddressBuckets(clock, policy.perAddress(), policy.perAddressPeriod(), MAX_ADDRESSES);
    }

    public AddressBuckets perAddress() {
        return perAddress;
    }

    public SignInPolicy policy() {
        return policy;
    }

    /**
     * Other limits from now on, every address's budget full again; {@code null} goes back to the
     * settings. For tests, which must not wait out real limits or start another application for them.
     */
    public void use(SignInPolicy other) {
        SignInPolicy next = other == null ? configured : other;
        this.policy = next;
        perAddress.limit(next.perAddress(), next.perAddressPeriod());
    }

    /** Holds the answer back: the thread waits, outside any transaction. */
    void hold(Duration delay) {
        if (!delay.isZero()) {
            hold.accept(delay);
        }
    }

    /** Tests note the holds instead of waiting them out; {@code null} waits again. */
    public void holdWith(Consumer<Duration> holder) {
        this.hold = holder == null ? SLEEP : holder;
    }
}
