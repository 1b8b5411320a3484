package org.exitwork.disclosure.internal.vignette;

import java.util.EnumSet;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.exitwork.quality.Principle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo: Anna writes a vignette about her work with Max for the cross-evaluation group, Mira (no author)
 * releases it through the gate, and Sofia, the peer of the neighbouring organisation, answers it.
 */
@Component
@Profile(DemoContent.PROFILE)
class DemoVignette implements DemoContent {

    private final Vignettes vignettes;

    DemoVignette(Vignettes vignettes) {
        this.vignettes = vignettes;
    }

    @Override
    public int order() {
        return 62;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal mira = demo.get("staff.mira", StaffPrincipal.class);
        StaffPrincipal sofia = demo.get("peer.sofia", StaffPrincipal.class);
        UUID max = demo.get("client.max", UUID.class);
        UUID group = demo.get("peergroup.north", UUID.class);
        UUID vignette = vignettes.write(anna, max, group, new Vignettes.Draft("Ein Jahr nach dem Bruch mit der Clique",
                "Ein junger Mann Anfang zwanzig, in der Ausbildung, hat sich vor einem Jahr von einer rechtsextremen "
                        + "Clique gelöst. Er schämt sich für alte Beiträge im Netz und sorgt sich um eine jüngere "
                        + "Schwester. Wir treffen ihn zu zweit oder einzeln, mal im Büro, mal draußen beim Gehen.\n\n"
                        + "Frage an die Gruppe: Wie halten wir die Tür offen, wenn er sich wochenlang nicht meldet, "
                        + "ohne ihn zu drängen?"))
                .orElseThrow();
        vignettes.submit(anna, max, vignette, 0);
        vignettes.release(mira, vignette, 1);
        vignettes.giveFeedback(sofia, group, vignette, EnumSet.of(Principle.VOLUNTARINESS, Principle.TRUST),
                "Dass ihr die Pausen aushaltet und trotzdem erreichbar bleibt, ist selbst schon die Antwort: "
                        + "Freiwilligkeit heißt auch, dass er wiederkommen darf, ohne sich zu erklären.");
    }
}
