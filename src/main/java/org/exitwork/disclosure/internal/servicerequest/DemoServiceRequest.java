package org.exitwork.disclosure.internal.servicerequest;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.consent.DataKind;
import org.exitwork.network.Need;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: one service request to the housing office, through the gate, under the consent Max gave for it. */
@Component
@Profile(DemoContent.PROFILE)
class DemoServiceRequest implements DemoContent {

    private final ServiceRequests requests;

    DemoServiceRequest(ServiceRequests requests) {
        this.requests = requests;
    }

    @Override
    public int order() {
        return 51;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        requests.request(anna, demo.get("client.max", UUID.class), new ServiceRequests.NewRequest(
                demo.get("partner.HOUSING", UUID.class), demo.get("consent.max.housing-requests", UUID.class),
                Need.HOUSING, Map.of(DataKind.CURRENT_NEEDS, "Sucht ein Zimmer oder eine kleine Wohnung, weg vom "
                        + "bisherigen Umfeld; Ausbildungsvergütung und Wohngeld als Einkommen."), Locale.GERMAN));
    }
}
