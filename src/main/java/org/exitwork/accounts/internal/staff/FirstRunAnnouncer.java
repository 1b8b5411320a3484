package org.exitwork.accounts.internal.staff;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where Exitwork is running and, on first run, where to set it up. */
@Component
class FirstRunAnnouncer {

    private final AccountService accounts;
    private final Environment environment;

    FirstRunAnnouncer(AccountService accounts, Environment environment) {
        this.accounts = accounts;
        this.environment = environment;
    }

    @EventListener
    void announce(WebServerInitializedEvent event) {
        String host = environment.getProperty("server.address", "localhost");
        if (host.equals("0.0.0.0") || host.equals("127.0.0.1")) {
            host = "localhost";
        }
        String base = "http://" + host + ":" + event.getWebServer().getPort();
        System.out.println();
        System.out.println("  Exitwork is running at " + base + "/");
        if (!accounts.installationSetUp()) {
            System.out.println("  First run: open " + base + "/setup to create your organisation and administrator.");
        }
        System.out.println();
    }
}
