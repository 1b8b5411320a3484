package org.exitwork.testing;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Sets the shared test clock back to the real time before every test method. Contexts are cached
 * across test classes, so without this a class that moves the clock 90 days ahead (retention tests)
 * leaves every later class living in the future, and their "not in the future" checks pass by accident.
 */
public class ClockResetListener extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(MutableClock.class).ifAvailable(MutableClock::reset);
        }
    }
}
