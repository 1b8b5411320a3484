package org.exitwork.accounts.internal.account;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application hashes passwords at the OWASP ASVS minimums for Argon2id (m = 19 MiB, t = 2,
 * p = 1), whatever cost the tests use for speed ({@link QuickPasswordHashing}).
 */
class PasswordsTest {

    private static final String OWASP_MINIMUM = "$argon2id$v=19$m=19456,t=2,p=1$";

    @Test
    void springBuildsPasswordsAtTheOwaspMinimums() {
        // A plain context reads no spring.factories: Passwords as the application's scan finds it.
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Passwords.class)) {
            Passwords passwords = context.getBean(Passwords.class);
            String hash = passwords.hash("correct horse battery");
            assertThat(hash).startsWith(OWASP_MINIMUM);
            assertThat(passwords.matches("correct horse battery", hash)).isTrue();
            assertThat(passwords.matches("correct horse battery!", hash)).isFalse();
        }
    }

    @Test
    void theTestsCheaperHashesStillNameTheirCostAndVerifyAnywhere() {
        String quick = new Passwords(QuickPasswordHashing.TOKEN).hash("correct horse battery");
        assertThat(quick).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(new Passwords().matches("correct horse battery", quick)).isTrue();
        assertThat(new Passwords().matches("wrong horse battery", quick)).isFalse();
    }
}
