package org.exitwork.disclosure.internal.share;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.consent.DataKind;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: one share with the youth welfare office, through the gate, under the consent Max gave. */
@Component
@Profile(DemoContent.PROFILE)
class DemoShare implements DemoContent {

    private final Shares shares;

    DemoShare(Shares shares) {
        this.shares = shares;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        Map<DataKind, String> texts = new EnumMap<>(DataKind.class);
        texts.put(DataKind.WORK_AGREEMENT_GOALS, "Leben ohne die Gruppe und ohne Gewalt; das erste Ausbildungsjahr "
                + "abschließen.");
        texts.put(DataKind.PROGRESS, "Kommt regelmäßig zu den Terminen; geht mit Wut inzwischen besser um.");
        shares.share(anna, demo.get("client.max", UUID.class), new Shares.NewShare(
                demo.get("partner.YOUTH_AND_FAMILY", UUID.class), demo.get("consent.max.youth-welfare", UUID.class),
                texts, Shares.Form.PDF, Locale.GERMAN));
    }
}
