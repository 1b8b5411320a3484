package org.exitwork.referrals.internal.inbound;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Stream;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.InboundInformation;
import org.exitwork.referrals.internal.InboundReferral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The partner's JSON, read strictly and without Spring: every way a body can be wrong, with the one
 * field named and the words the partner reads ({@code PartnerApiTest} checks the HTTP answer).
 */
class ReferralPayloadTest {

    private static final String REF = "\"partnerReference\":\"AZ-4\"";
    private static final String REFERENCE_RULE = "required: 1-100 letters, digits, spaces and . _ / -";
    private static final String AREAS = "must be an array of phenomenon areas";

    static Stream<Arguments> wrongBodies() {
        return Stream.of(
                wrong("{" + REF + ",\"extra\":1}", "extra", "unknown field"),
                wrong("{" + REF + ",\"PartnerReference\":\"x\"}", "PartnerReference", "unknown field"),
                wrong("{" + REF + ",\"person\":{\"fullName\":\"A\",\"address\":\"B\"}}", "person.address", "unknown field"),
                wrong("{\"partnerReference\":12}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":true}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":null}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":[\"a\"]}", "partnerReference", REFERENCE_RULE),
                wrong("{\"concern\":\"no reference\"}", "partnerReference", REFERENCE_RULE),
                wrong("{}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":\"\"}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":\"   \"}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":\"" + "A".repeat(101) + "\"}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":\"<script>alert(1)</script>\"}", "partnerReference", REFERENCE_RULE),
                wrong("{\"partnerReference\":\"x'; DROP TABLE ref_inbox; --\"}", "partnerReference", REFERENCE_RULE),
                wrong("{" + REF + ",\"contextCase\":\"yes\"}", "contextCase", "must be true or false"),
                wrong("{" + REF + ",\"contextCase\":\"true\"}", "contextCase", "must be true or false"),
                wrong("{" + REF + ",\"contextCase\":1}", "contextCase", "must be true or false"),
                wrong("{" + REF + ",\"contextCase\":[]}", "contextCase", "must be true or false"),
                wrong("{" + REF + ",\"phenomenonAreas\":\"GANGS\"}", "phenomenonAreas", AREAS),
                wrong("{" + REF + ",\"phenomenonAreas\":\"\"}", "phenomenonAreas", AREAS),
                wrong("{" + REF + ",\"phenomenonAreas\":{}}", "phenomenonAreas", AREAS),
                wrong("{" + REF + ",\"phenomenonAreas\":[1]}", "phenomenonAreas", AREAS),
                wrong("{" + REF + ",\"phenomenonAreas\":[null]}", "phenomenonAreas", AREAS),
                wrong("{" + REF + ",\"phenomenonAreas\":[[\"GANGS\"]]}", "phenomenonAreas", AREAS),
                wrong("{" + REF + ",\"phenomenonAreas\":[\"SOMETHING\"]}", "phenomenonAreas", "unknown phenomenon area"),
                wrong("{" + REF + ",\"phenomenonAreas\":[\"gangs\"]}", "phenomenonAreas", "unknown phenomenon area"),
                wrong("{" + REF + ",\"phenomenonAreas\":[\"\"]}", "phenomenonAreas", "unknown phenomenon area"),
                wrong("{" + REF + ",\"person\":\"Max\"}", "person", "must be a JSON object"),
                wrong("{" + REF + ",\"person\":[{\"fullName\":\"A\"}]}", "person", "must be a JSON object"),
                wrong("{" + REF + ",\"person\":{\"fullName\":12}}", "person.fullName", "must be a string"),
                wrong("{" + REF + ",\"person\":{\"fullName\":\"" + "x".repeat(201) + "\"}}", "person.fullName",
                        "at most 200 characters"),
                wrong("{" + REF + ",\"person\":{\"dateOfBirth\":\"06.05.2004\"}}", "person.dateOfBirth",
                        "must be an ISO date (yyyy-mm-dd)"),
                wrong("{" + REF + ",\"person\":{\"dateOfBirth\":\"2004-02-30\"}}", "person.dateOfBirth",
                        "must be an ISO date (yyyy-mm-dd)"),
                wrong("{" + REF + ",\"person\":{\"dateOfBirth\":\"2004-05-06T00:00\"}}", "person.dateOfBirth",
                        "at most 10 characters"),
                wrong("{" + REF + ",\"person\":{\"dateOfBirth\":[2004,5,6]}}", "person.dateOfBirth", "must be a string"),
                wrong("{" + REF + ",\"person\":{\"contact\":\"" + "😀".repeat(1001) + "\"}}", "person.contact",
                        "at most 1000 characters"),
                wrong("{" + REF + ",\"concern\":[\"a\"]}", "concern", "must be a string"),
                wrong("{" + REF + ",\"concern\":{}}", "concern", "must be a string"),
                wrong("{" + REF + ",\"concern\":\"" + "ä".repeat(10_001) + "\"}", "concern", "at most 10000 characters"),
                wrong("{" + REF + ",\"concern\":\"" + "😀".repeat(10_001) + "\"}", "concern", "at most 10000 characters"),
                wrong("{\"partnerReference\":\"AZ-4\",\"partnerReference\":\"AZ-5\"}", "$", "malformed JSON"),
                wrong("{" + REF + ",\"person\":{\"fullName\":\"A\",\"fullName\":\"B\"}}", "$", "malformed JSON"),
                wrong("{" + REF, "$", "malformed JSON"),
                wrong("{" + REF + "} {}", "$", "malformed JSON"),
                wrong("{" + REF + ",}", "$", "malformed JSON"),
                wrong("{'partnerReference':'AZ'}", "$", "malformed JSON"),
                wrong("{" + REF + " /* c */}", "$", "malformed JSON"),
                wrong("[\"AZ-4\"]", "$", "must be a JSON object"),
                wrong("null", "$", "must be a JSON object"),
                wrong("\"x\"", "$", "must be a JSON object"),
                wrong("", "$", "the body must be a JSON object"),
                wrong("   ", "$", "the body must be a JSON object"));
    }

    private static Arguments wrong(String body, String field, String message) {
        return Arguments.of(body, field, message);
    }

    @ParameterizedTest
    @MethodSource("wrongBodies")
    void refusedNamingTheField(String body, String field, String message) {
        ReferralPayload.Invalid invalid = catchThrowableOfType(ReferralPayload.Invalid.class,
                () -> ReferralPayload.referral(bytes(body)));
        assertThat(invalid).as(body.length() > 100 ? body.substring(0, 100) : body).isNotNull();
        assertThat(invalid.field + ": " + invalid.getMessage()).isEqualTo(field + ": " + message);
    }

    @Test
    void aFullReferralIsReadAsSent() {
        InboundReferral referral = ReferralPayload.referral(bytes("""
                {"partnerReference":"Zürich/ÄB 12.3_x-y","phenomenonAreas":["GANGS","CULTS","GANGS"],"contextCase":true,
                 "person":{"fullName":"Max Muster","dateOfBirth":"2004-05-06","contact":"0171 2345678"},
                 "concern":"%s"}""".formatted("😀".repeat(10_000))));
        assertThat(referral).isEqualTo(new InboundReferral("Zürich/ÄB 12.3_x-y",
                Set.of(PhenomenonArea.GANGS, PhenomenonArea.CULTS), true, "Max Muster", LocalDate.of(2004, 5, 6),
                "0171 2345678", "😀".repeat(10_000)));
    }

    @Test
    void onlyTheReferenceIsRequiredAndEmptyTextsAreNone() {
        assertThat(ReferralPayload.referral(bytes("{" + REF + "}")))
                .isEqualTo(new InboundReferral("AZ-4", Set.of(), false, null, null, null, null));
        assertThat(ReferralPayload.referral(bytes("{" + REF + ",\"phenomenonAreas\":null,\"contextCase\":null,"
                + "\"person\":{\"fullName\":\"\",\"dateOfBirth\":\"\",\"contact\":null},\"concern\":\"\"}")))
                .isEqualTo(new InboundReferral("AZ-4", Set.of(), false, null, null, null, null));
        assertThat(ReferralPayload.referral(bytes("\uFEFF{" + REF + ",\"person\":null}")).partnerReference())
                .as("a byte order mark is allowed").isEqualTo("AZ-4");
    }

    @Test
    void informationNeedsAReferenceAndAText() {
        assertThat(ReferralPayload.information("AZ-4", bytes("{\"information\":\"x\"}")))
                .isEqualTo(new InboundInformation("AZ-4", "x"));
        assertThat(invalid(() -> ReferralPayload.information("a<b", bytes("{\"information\":\"x\"}"))))
                .isEqualTo("partnerReference: " + REFERENCE_RULE);
        assertThat(invalid(() -> ReferralPayload.information(" ", bytes("{}")))).isEqualTo("partnerReference: " + REFERENCE_RULE);
        assertThat(invalid(() -> ReferralPayload.information("AZ-4", bytes("{}")))).isEqualTo("information: required");
        assertThat(invalid(() -> ReferralPayload.information("AZ-4", bytes("{\"information\":\" \"}"))))
                .isEqualTo("information: required");
        assertThat(invalid(() -> ReferralPayload.information("AZ-4", bytes("{\"information\":1}"))))
                .isEqualTo("information: must be a string");
        assertThat(invalid(() -> ReferralPayload.information("AZ-4", bytes("{\"information\":\"x\",\"more\":true}"))))
                .isEqualTo("more: unknown field");
        assertThat(invalid(() -> ReferralPayload.information("AZ-4", bytes("{\"information\":\"" + "😀".repeat(10_001) + "\"}"))))
                .isEqualTo("information: at most 10000 characters");
        assertThat(invalid(() -> ReferralPayload.information("AZ-4", bytes("[]")))).isEqualTo("$: must be a JSON object");
        assertThat(invalid(() -> ReferralPayload.information("AZ-4", bytes("")))).isEqualTo("$: the body must be a JSON object");
    }

    private static String invalid(org.junit.jupiter.api.function.Executable call) {
        ReferralPayload.Invalid invalid = assertThrows(ReferralPayload.Invalid.class, call);
        return invalid.field + ": " + invalid.getMessage();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
