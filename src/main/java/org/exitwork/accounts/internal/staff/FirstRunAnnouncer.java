package org.exitwork.accounts.internal.staff;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The last thing start-up prints: where Exitwork is running and where to go next, the first-run page
 * while nobody has set it up, the sign-in page afterwards. Printed when the application is ready, so
 * nothing of the start-up follows it; commands run without a web server and print nothing here.
 */
@Component
class FirstRunAnnouncer {

    static final String RULE = "  ------------------------------------------------------------------------";

    private final AccountService accounts;
    private final Environment environment;

    FirstRunAnnouncer(AccountService accounts, Environment environment) {
        this.accounts = accounts;
        this.environment = environment;
    }

    @EventListener
    void announce(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        String host = environment.getProperty("server.address", "localhost");
        if (host.equals("0.0.0.0") || host.equals("127.0.0.1")) {
            host = "localhost";
        }
        String base = "http://" + host + ":" + web.getWebServer().getPort();
        System.out.println();
        System.out.println(RULE);
        System.out.println("  Exitwork is running at " + base + "/");
        if (accounts.installationSetUp()) {
            System.out.println("  Sign in at " + base + "/sign-in");
        } else {
            System.out.println("  First run: open " + base + "/setup to create your organisation and its administrator.");
        }
        System.out.println(RULE);
        System.out.println();
    }
}
