package org.exitwork.accounts.internal.account;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every application started from the test class path (test contexts, and the command JVMs the
 * command-line tests start) hashes passwords at a token Argon2id cost: the tests create thousands
 * of accounts, and at the production cost hashing was two fifths of the test run's CPU. Registered
 * in {@code src/test/resources/META-INF/spring.factories}, so it never reaches {@code exitwork.jar};
 * {@link PasswordsTest} shows that the application itself hashes at the OWASP minimums.
 */
public class QuickPasswordHashing implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final Passwords.Cost TOKEN = new Passwords.Cost(64, 1);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(factory -> {
            for (String name : factory.getBeanDefinitionNames()) {
                if (Passwords.class.getName().equals(factory.getBeanDefinition(name).getBeanClassName())
                        && factory.getBeanDefinition(name) instanceof AbstractBeanDefinition definition) {
                    definition.setInstanceSupplier(() -> new Passwords(TOKEN));
                }
            }
        });
    }
}
