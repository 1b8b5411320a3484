package org.exitwork.disclosure.internal.share;

import java.util.List;

import org.exitwork.accounts.OrganisationContact;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * What a share carries, exactly as it leaves the organisation (R9). This JSON is what the partner's
 * system receives, what {@code dis_disclosure.content} keeps, and what the PDF is rendered from.
 * The shape is stable (format {@value #FORMAT}; {@code from}, the sender, was added later and is missing
 * from earlier payloads); the client appears only by pseudonym, and there is no field for anything from
 * the identity vault.
 *
 * <pre>
 * {
 *   "format": "exitwork-share/1",
 *   "language": "en",
 *   "date": "2026-11-23",
 *   "from": { "name": "The organisation", "address": "Street 1\n12345 Town", "email": "info@example.org",
 *             "telephone": "+49 30 123", "dataProtection": "dpo@example.org" },
 *   "client": "Pseudonym of the client",
 *   "partner": "Name of the partner",
 *   "purpose": "The purpose of the consent",
 *   "kinds": [ { "kind": "ATTENDANCE", "label": "Attendance", "text": "What the tandem wrote" } ],
 *   "notice": "This information is disclosed under the client's consent ..."
 * }
 * </pre>
 */
record SharePayload(String format, String language, String date, OrganisationContact from, String client,
        String partner, String purpose, List<Item> kinds, String notice) {

    static final String FORMAT = "exitwork-share/1";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    SharePayload {
        kinds = List.copyOf(kinds);
    }

    /** One kind of data and the text the tandem wrote for it. */
    record Item(String kind, String label, String text) {
    }

    String json() {
        return JSON.writeValueAsString(this);
    }

    static SharePayload parse(String json) {
        return JSON.readValue(json, SharePayload.class);
    }
}
