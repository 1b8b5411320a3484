package org.exitwork.disclosure.internal.funder;

import java.util.List;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.programme.FunderReport;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A funder report exactly as it leaves (R17): kept in {@code dis_funder_report.content}, and the only
 * source of its page, PDF and CSV, so that a client erased later changes nothing already given.
 * Aggregates after disclosure control only: no pseudonym, no id of a client, no hidden figure.
 */
record FunderReportPayload(String format, String language, String releasedOn, OrganisationContact from,
        String funder, String programme, String agreementId, int agreementVersion, String agreedOn,
        String reference, String periodStart, String periodEnd, int threshold, List<FunderReport.Table> tables) {

    static final String FORMAT = "exitwork-funder-report/1";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    FunderReportPayload {
        tables = List.copyOf(tables);
    }

    String json() {
        return JSON.writeValueAsString(this);
    }

    static FunderReportPayload parse(String json) {
        return JSON.readValue(json, FunderReportPayload.class);
    }
}
