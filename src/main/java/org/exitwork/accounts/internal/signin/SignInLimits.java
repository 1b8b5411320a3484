package org.exitwork.accounts.internal.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.exitwork.accounts.internal.settings.SignInPolicy;
import org.exitwork.platform.AddressBuckets;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The node's part of sign-in protection: the budget of attempts per client address (memory, see
 * {@link AddressBuckets}) and how a slowed answer is held back. Failures per name and address are
 * the database's part ({@link SignInService}).
 */
@Component
public class SignInLimits implements DisposableBean {

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
    // One thread writes every held refusal when its time is up: holding costs no thread of its own.
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sign-in-refusals");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration configuredRefusalHold;
    private volatile Duration refusalHold;
    private volatile BiConsumer<Duration, Runnable> later = (delay, task) -> timer.schedule(task, delay.toMillis(),
            TimeUnit.MILLISECONDS);

    SignInLimits(SignInPolicy policy, Clock clock,
            @Value("${exitwork.sign-in.refusal-hold:1s}") Duration refusalHold) {
        this.configuredRefusalHold = refusalHold;
        this.refusalHold = refusalHold;
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

    /** How long a refusal for the client address is held back before it is answered. */
    public Duration refusalHold() {
        return refusalHold;
    }

    /** Runs {@code task} after {@code delay}, on the refusals' timer. */
    public void later(Duration delay, Runnable task) {
        later.accept(delay, task);
    }

    /**
     * For tests: another hold for refusals ({@code null}: the setting's) and who runs the held answers
     * ({@code null}: the timer).
     */
    public void holdRefusals(Duration hold, BiConsumer<Duration, Runnable> runner) {
        this.refusalHold = hold == null ? configuredRefusalHold : hold;
        this.later = runner != null ? runner
                : (delay, task) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** Tests note the holds instead of waiting them out; {@code null} waits again. */
    public void holdWith(Consumer<Duration> holder) {
        this.hold = holder == null ? SLEEP : holder;
    }
}
