package org.exitwork.testing;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Sets the shared test clock back to the real time before every test class and method and after every
 * method. Contexts are cached across test classes, so without this a class that moves the clock 90 days
 * ahead (retention tests) leaves every later class living in the future, and their "not in the future"
 * checks pass by accident. The class-level reset matters for a {@code @BeforeAll} that builds its world
 * with dates of the clock: built in an earlier class's future, a consent "valid from" that day is not yet
 * valid when the methods run on the real time (a CI run failed that way, depending on class order).
 */
public class ClockResetListener extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        reset(testContext);
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        reset(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        reset(testContext);
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        reset(testContext);
    }

    private static void reset(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(MutableClock.class).ifAvailable(MutableClock::reset);
        }
    }
}
