package org.exitwork.disclosure.internal.servicerequest;

import java.util.List;

import org.exitwork.accounts.OrganisationContact;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service request carries, exactly as it leaves the organisation (R9, R11): what
 * {@code dis_disclosure.content} keeps, what the PDF and the partner's link page are rendered from.
 * Format {@value #FORMAT}; the client appears only by pseudonym, and there is no field for anything
 * from the identity vault.
 *
 * <pre>
 * { "format": "exitwork-service-request/1", "language": "en", "date": "2026-12-02",
 *   "from": { ...the sender... }, "client": "Pseudonym", "partner": "Name of the partner",
 *   "need": "HOUSING", "needLabel": "Housing", "purpose": "The purpose of the consent",
 *   "answerBy": "2026-12-09", "kinds": [ { "kind": "CURRENT_NEEDS", "label": "Current needs", "text": "..." } ],
 *   "notice": "This information is disclosed under the client's consent ..." }
 * </pre>
 */
record RequestPayload(String format, String language, String date, OrganisationContact from, String client,
        String partner, String need, String needLabel, String purpose, String answerBy, List<Item> kinds,
        String notice) {

    static final String FORMAT = "exitwork-service-request/1";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    RequestPayload {
        kinds = List.copyOf(kinds);
    }

    /** One kind of data and the text the tandem wrote for it. */
    record Item(String kind, String label, String text) {
    }

    String json() {
        return JSON.writeValueAsString(this);
    }

    static RequestPayload parse(String json) {
        return JSON.readValue(json, RequestPayload.class);
    }
}
