package org.exitwork.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The browser lane ({@link Lanes#BROWSER}, junit-platform.properties): the class runs beside the ordinary
 * Spring tests, which run one after the other on a thread of their own, and one class of this lane at a
 * time. Its classes wait for Chromium most of the time, so on two cores the lane costs little; and they
 * share one application (one cached context, one database) that the ordinary tests never touch, so
 * running beside them is safe, while two classes of the lane at once would share a database. Every class
 * on a real port carries it ({@code LanesTest}); {@link BrowserLaneTest} brings it along.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.BROWSER)
public @interface BrowserLane {
}
