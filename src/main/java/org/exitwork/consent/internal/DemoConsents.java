package org.exitwork.consent.internal;

import java.util.EnumSet;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.consent.DataKind;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: Max consents to share with the youth welfare office and the job centre, for a year. */
@Component
@Profile(DemoContent.PROFILE)
class DemoConsents implements DemoContent {

    private final Consents consents;

    DemoConsents(Consents consents) {
        this.consents = consents;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        UUID max = demo.get("client.max", UUID.class);
        demo.put("consent.max.youth-welfare", consents.record(anna, max, new Consents.NewConsent(
                demo.get("partner.YOUTH_AND_FAMILY", UUID.class),
                "So that the youth welfare office can plan his support for the apprenticeship with us.",
                EnumSet.of(DataKind.CONTACT_DETAILS, DataKind.WORK_AGREEMENT_GOALS, DataKind.PROGRESS),
                demo.today().minusDays(10), demo.today().plusYears(1), ClientInformed.IN_CONVERSATION_WITH_FORM)));
        consents.record(anna, max, new Consents.NewConsent(demo.get("partner.EMPLOYMENT", UUID.class),
                "So that the job centre knows he takes part while he looks for a training place.",
                EnumSet.of(DataKind.ATTENDANCE, DataKind.EDUCATION_AND_WORK), demo.today().minusDays(10),
                demo.today().plusMonths(6), ClientInformed.FORM_READ_TOGETHER));
        demo.put("consent.max.housing-requests", consents.record(anna, max, new Consents.NewConsent(
                demo.get("partner.HOUSING", UUID.class),
                "So that the housing office can help him find a flat of his own, away from the group.",
                EnumSet.of(DataKind.SERVICE_REQUEST, DataKind.CURRENT_NEEDS), demo.today().minusDays(5),
                demo.today().plusMonths(6), ClientInformed.IN_CONVERSATION_WITH_FORM)));
    }
}
