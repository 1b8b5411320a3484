package org.exitwork.programme.internal.reporting;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.exitwork.programme.Breakdown;
import org.exitwork.programme.Measure;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The demo's reporting agreement: the fictitious foundation receives yearly figures of the demo programme. */
@Component
@Profile(DemoContent.PROFILE)
class DemoReportingAgreement implements DemoContent {

    private final ReportingAgreements agreements;

    DemoReportingAgreement(ReportingAgreements agreements) {
        this.agreements = agreements;
    }

    @Override
    public int order() {
        // After the programme (36).
        return 37;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal lena = demo.get("staff.lena", StaffPrincipal.class);
        agreements.make(lena, demo.get("programme", UUID.class), new ReportingAgreements.Terms(
                demo.get("partner.FUNDER", UUID.class), List.of(Measure.values()), List.of(Breakdown.PHENOMENON_AREA),
                12, demo.today().minusYears(1).withDayOfYear(1), "de", demo.today().minusYears(1).withDayOfYear(1),
                "DL-" + demo.today().minusYears(1).getYear() + "-17"));
    }
}
