package org.exitwork.referrals.internal.inbound;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.InboundInformation;
import org.exitwork.referrals.internal.InboundReferral;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a partner's JSON strictly: unknown fields, wrong types, duplicate keys and malformed JSON
 * are refused, naming the field. Only {@link PhenomenonArea} is used of the cases module.
 */
final class ReferralPayload {

    static final int MAX_TEXT = 10_000;
    static final int MAX_NAME = 200;
    static final int MAX_CONTACT = 1_000;
    /** The partner's reference: 1-100 letters, digits, spaces and . _ / - */
    static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N} ._/-]{1,100}");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> REFERRAL_FIELDS = Set.of("partnerReference", "phenomenonAreas", "contextCase",
            "person", "concern");
    private static final Set<String> PERSON_FIELDS = Set.of("fullName", "dateOfBirth", "contact");
    private static final Set<String> INFORMATION_FIELDS = Set.of("information");

    /** What was wrong with the request, and where. */
    static final class Invalid extends RuntimeException {
        final String field;

        Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private ReferralPayload() {
    }

    static InboundReferral referral(byte[] body) {
        JsonNode root = object(parse(body), "$");
        fieldsOnly(root, REFERRAL_FIELDS, "");
        String reference = reference(root.get("partnerReference"), "partnerReference");
        Set<PhenomenonArea> areas = EnumSet.noneOf(PhenomenonArea.class);
        JsonNode list = root.get("phenomenonAreas");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new Invalid("phenomenonAreas", "must be an array of phenomenon areas");
            }
            for (JsonNode value : list) {
                if (!value.isString()) {
                    throw new Invalid("phenomenonAreas", "must be an array of phenomenon areas");
                }
                try {
                    areas.add(PhenomenonArea.valueOf(value.stringValue()));
                } catch (IllegalArgumentException e) {
                    throw new Invalid("phenomenonAreas", "unknown phenomenon area");
                }
            }
        }
        boolean contextCase = false;
        JsonNode flag = root.get("contextCase");
        if (flag != null && !flag.isNull()) {
            if (!flag.isBoolean()) {
                throw new Invalid("contextCase", "must be true or false");
            }
            contextCase = flag.booleanValue();
        }
        String fullName = null;
        LocalDate dateOfBirth = null;
        String contact = null;
        JsonNode person = root.get("person");
        if (person != null && !person.isNull()) {
            object(person, "person");
            fieldsOnly(person, PERSON_FIELDS, "person.");
            fullName = text(person.get("fullName"), "person.fullName", MAX_NAME, false);
            String date = text(person.get("dateOfBirth"), "person.dateOfBirth", 10, false);
            if (date != null) {
                try {
                    dateOfBirth = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    throw new Invalid("person.dateOfBirth", "must be an ISO date (yyyy-mm-dd)");
                }
            }
            contact = text(person.get("contact"), "person.contact", MAX_CONTACT, false);
        }
        String concern = text(root.get("concern"), "concern", MAX_TEXT, false);
        return new InboundReferral(reference, areas, contextCase, fullName, dateOfBirth, contact, concern);
    }

    static InboundInformation information(String partnerReference, byte[] body) {
        String reference = reference(partnerReference, "partnerReference");
        JsonNode root = object(parse(body), "$");
        fieldsOnly(root, INFORMATION_FIELDS, "");
        return new InboundInformation(reference, text(root.get("information"), "information", MAX_TEXT, true));
    }

    static String reference(String value, String field) {
        if (value == null || !REFERENCE.matcher(value).matches() || value.isBlank()) {
            throw new Invalid(field, "required: 1-100 letters, digits, spaces and . _ / -");
        }
        return value;
    }

    private static String reference(JsonNode node, String field) {
        if (node == null || !node.isString()) {
            throw new Invalid(field, "required: 1-100 letters, digits, spaces and . _ / -");
        }
        return reference(node.stringValue(), field);
    }

    private static String text(JsonNode node, String field, int max, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new Invalid(field, "required");
            }
            return null;
        }
        if (!node.isString()) {
            throw new Invalid(field, "must be a string");
        }
        String value = node.stringValue();
        if (required && value.isBlank()) {
            throw new Invalid(field, "required");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new Invalid(field, "at most " + max + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new Invalid("$", "the body must be a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new Invalid("$", "malformed JSON");
        }
    }

    private static JsonNode object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new Invalid(field, "must be a JSON object");
        }
        return node;
    }

    private static void fieldsOnly(JsonNode node, Set<String> allowed, String prefix) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw new Invalid(prefix + field.getKey(), "unknown field");
            }
        }
    }
}
