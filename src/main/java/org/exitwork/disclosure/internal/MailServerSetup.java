package org.exitwork.disclosure.internal;

import java.util.UUID;

import org.exitwork.platform.SetupTask;
import org.springframework.core.env.Environment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Set-up: a mail server is configured ({@code spring.mail.host}), so that approved danger alerts and
 * staff alarms also go out by e-mail. It is the installation's setting, not the organisation's: the
 * help page says which variables the operator sets, and whether the running installation has one.
 */
@Controller
class MailServerSetup implements SetupTask {

    private final Environment environment;

    MailServerSetup(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String key() {
        return "mail";
    }

    @Override
    public String link() {
        return "/manage/mail";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public boolean isDone(UUID organisation) {
        return configured();
    }

    private boolean configured() {
        String host = environment.getProperty("spring.mail.host");
        return host != null && !host.isBlank();
    }

    @GetMapping("/manage/mail")
    @PreAuthorize("hasRole('MANAGER')")
    String help(Model model) {
        model.addAttribute("configured", configured());
        return "disclosure/mail-setup";
    }
}
