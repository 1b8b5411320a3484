package org.exitwork.testing;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The shared clock is back on the real time when the next class builds its world. A CI run failed when a
 * class's last method moved the clock 90 days ahead and the next class's {@code @BeforeAll} recorded a
 * consent valid from that future day: every cell that needed the consent answered 409 or 404.
 */
class ClockResetListenerTest {

    private final MutableClock clock = new MutableClock();
    private final TestContext testContext = contextHolding(clock);
    private final ClockResetListener listener = new ClockResetListener();

    @Test
    void aClockMovedByTheLastMethodIsResetAfterIt() {
        clock.advance(Duration.ofDays(90));

        listener.afterTestMethod(testContext);

        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aClockMovedOutsideAnyMethodIsResetBeforeTheNextClass() {
        clock.advance(Duration.ofDays(90));

        listener.beforeTestClass(testContext);

        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aContextNotYetLoadedIsLeftAlone() {
        TestContext notLoaded = mock(TestContext.class);
        when(notLoaded.hasApplicationContext()).thenReturn(false);
        when(notLoaded.getApplicationContext()).thenThrow(new AssertionError("the context would be loaded"));

        listener.beforeTestClass(notLoaded);
        listener.prepareTestInstance(notLoaded);
    }

    private static TestContext contextHolding(MutableClock clock) {
        GenericApplicationContext application = new GenericApplicationContext();
        application.registerBean(MutableClock.class, () -> clock);
        application.refresh();
        TestContext context = mock(TestContext.class);
        when(context.hasApplicationContext()).thenReturn(true);
        when(context.getApplicationContext()).thenReturn(application);
        return context;
    }
}
