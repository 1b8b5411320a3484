package org.exitwork.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test of the browser lane's application: the application on a random real port with a fresh
 * database, shared (one cached context) by the classes that drive Chromium against it and by those that
 * need a real port for other reasons ({@code ConcurrentRequestsTest}, {@code RefusedAtTheDoorTest}).
 * Starting it costs seconds (on PostgreSQL a fresh schema and every migration), so every such class gets
 * MockMvc and {@link TestSupport}, used or not: the same annotations make the same context, a different
 * set would start another. Because they share its database, they run in the {@link BrowserLane}, one at a
 * time. The class names what differs: its tag and condition ({@code @Tag("browser")} with
 * {@link BrowserAvailable}, or {@code @Tag("database")} with {@link TestDatabase.Condition}), its
 * lifecycle. A class that needs an installation of its own ({@code BrowserJourneyTest}) does not use
 * this annotation, only {@link BrowserLane}. MockMvc requests on this application waive the form token with
 * {@link Fixtures#formTokenWaived()}, never Spring Security's {@code csrf()}, which would change the
 * application's filters for every later class ({@link FiltersAsInProduction} fails the test that does).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@Import(TestSupport.class)
@BrowserLane
@ExtendWith(FiltersAsInProduction.class)
public @interface BrowserLaneTest {
}
