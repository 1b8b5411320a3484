package org.exitwork.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link DatabaseTest}, on the same two databases, for a test that needs one module and not the
 * application: put it on a class in the module's package together with Spring Modulith's
 * {@code @ApplicationModuleTest} (which starts that module alone, plus the modules it names as extra
 * includes). Such a context is a fraction of the whole application's, and no fixture of another
 * module exists in it: only the test clock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@Import(TestClock.class)
public @interface ModuleDatabaseTest {
}
