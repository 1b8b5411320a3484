package org.exitwork.safety.internal.clientsafety.threats;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: Max's former group threatened him after he left; the logbook records it and what was done. */
@Component
@Profile(DemoContent.PROFILE)
class DemoThreats implements DemoContent {

    private final ThreatLogbook logbook;

    DemoThreats(ThreatLogbook logbook) {
        this.logbook = logbook;
    }

    @Override
    public int order() {
        return 71;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        logbook.record(anna, demo.get("client.max", UUID.class), new ThreatLogbook.NewThreat(
                demo.today().minusDays(9), ThreatKind.THREATENED, "Two members of his former group",
                "Messages at night: \"traitors get what they deserve\"; one waited at the bus stop near his work.",
                "Talked through a safe way to work; Max saved the messages; he decided not to go to the police "
                        + "for now."));
    }
}
