package org.exitwork.referrals.internal.inbound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.InboundInformation;
import org.exitwork.referrals.internal.InboundReferral;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a partner's JSON strictly: Jackson binds it to the records below, refusing unknown fields,
 * duplicate keys, malformed JSON and any value of another type (no number as a text, no "true" as
 * a boolean, no index as a phenomenon area); Bean Validation then checks what the records declare.
 * Either way the partner learns the one field that was wrong, with the same words as the API
 * document. Only {@link PhenomenonArea} is used of the cases module.
 */
public final class ReferralPayload {

    public static final int MAX_TEXT = 10_000;
    public static final int MAX_NAME = 200;
    public static final int MAX_CONTACT = 1_000;
    /** The partner's reference: 1-100 letters, digits, spaces and . _ / - */
    public static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N} ._/-]{1,100}");
    private static final String REFERENCE_RULE = "required: 1-100 letters, digits, spaces and . _ / -";
    private static final String AREAS_RULE = "must be an array of phenomenon areas";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Anything after the object is malformed JSON, not a wrong value: read() checks it itself.
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, EnumFeature.READ_ENUMS_USING_TO_STRING)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            // A value of one JSON type is never taken for another: the partner sent something else.
            .withCoercionConfigDefaults(c -> {
                for (CoercionInputShape shape : CoercionInputShape.values()) {
                    c.setCoercion(shape, CoercionAction.Fail);
                }
                c.setAcceptBlankAsEmpty(false);
            })
            .build();
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    /** What a value of the wrong type is told, by field; any other text field "must be a string". */
    private static final Map<String, String> WRONG_TYPE = Map.of("$", "must be a JSON object",
            "partnerReference", REFERENCE_RULE, "phenomenonAreas", AREAS_RULE, "contextCase", "must be true or false",
            "person", "must be a JSON object");
    /** When several fields are wrong, the first of them in the order of the document is named. */
    private static final List<String> ORDER = List.of("partnerReference", "phenomenonAreas", "contextCase",
            "person.fullName", "person.dateOfBirth", "person.contact", "concern", "information");

    /** A referral as the partner sends it (see {@code ApiDocumentation.ReferralRequest}). */
    record ReferralBody(
            @NotBlank(message = REFERENCE_RULE)
            @jakarta.validation.constraints.Pattern(regexp = "[\\p{L}\\p{N} ._/-]{1,100}", message = REFERENCE_RULE)
            String partnerReference,
            List<@NotNull(message = AREAS_RULE) PhenomenonArea> phenomenonAreas,
            Boolean contextCase,
            @Valid PersonBody person,
            @Characters(max = MAX_TEXT) String concern) {
    }

    record PersonBody(@Characters(max = MAX_NAME) String fullName, @Characters(max = 10) String dateOfBirth,
            @Characters(max = MAX_CONTACT) String contact) {
    }

    record InformationBody(@NotBlank(message = "required") @Characters(max = MAX_TEXT) String information) {
    }

    /** At most {@code max} characters as a person counts them (code points, so an emoji is one). */
    @Documented
    @Constraint(validatedBy = Characters.Check.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @interface Characters {
        int max();

        String message() default "at most {max} characters";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<Characters, String> {
            private int max;

            @Override
            public void initialize(Characters characters) {
                max = characters.max();
            }

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                if (value != null && !wellFormed(value)) {
                    // JSON may escape half a character ("\ud800"): no text a person wrote, and it would not
                    // survive being stored as UTF-8 unchanged.
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate("must be text (a lone surrogate is not)")
                            .addConstraintViolation();
                    return false;
                }
                return value == null || value.codePointCount(0, value.length()) <= max;
            }

            /** Every surrogate stands in its pair. */
            static boolean wellFormed(String value) {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    } else if (Character.isSurrogate(c)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /** What was wrong with the request, and where. */
    public static final class Invalid extends RuntimeException {
        public final String field;

        Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private ReferralPayload() {
    }

    public static InboundReferral referral(byte[] body) {
        ReferralBody referral = valid(read(body, ReferralBody.class));
        PersonBody person = referral.person() == null ? new PersonBody(null, null, null) : referral.person();
        Set<PhenomenonArea> areas = EnumSet.noneOf(PhenomenonArea.class);
        if (referral.phenomenonAreas() != null) {
            areas.addAll(referral.phenomenonAreas());
        }
        return new InboundReferral(referral.partnerReference(), areas, Boolean.TRUE.equals(referral.contextCase()),
                emptyAsNone(person.fullName()), dateOfBirth(person.dateOfBirth()), emptyAsNone(person.contact()),
                emptyAsNone(referral.concern()));
    }

    public static InboundInformation information(String partnerReference, byte[] body) {
        String reference = reference(partnerReference, "partnerReference");
        return new InboundInformation(reference, valid(read(body, InformationBody.class)).information());
    }

    static String reference(String value, String field) {
        if (value == null || !REFERENCE.matcher(value).matches() || value.isBlank()) {
            throw new Invalid(field, REFERENCE_RULE);
        }
        return value;
    }

    private static <T> T read(byte[] body, Class<T> type) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new Invalid("$", "the body must be a JSON object");
        }
        T value;
        try (JsonParser json = JSON.createParser(body)) {
            value = JSON.readValue(json, type);
            if (json.nextToken() != null) {
                throw new Invalid("$", "malformed JSON");
            }
        } catch (UnrecognizedPropertyException e) {
            throw new Invalid(field(e), "unknown field");
        } catch (DatabindException e) {
            String field = field(e);
            if (field.equals("phenomenonAreas") && e instanceof InvalidFormatException wrong
                    && wrong.getValue() instanceof String) {
                throw new Invalid(field, "unknown phenomenon area");
            }
            throw new Invalid(field, WRONG_TYPE.getOrDefault(field, "must be a string"));
        } catch (JacksonException e) {
            throw new Invalid("$", "malformed JSON");
        }
        if (value == null) {
            throw new Invalid("$", "must be a JSON object");
        }
        return value;
    }

    private static <T> T valid(T body) {
        VALIDATOR.validate(body).stream().min(Comparator.comparingInt(v -> ORDER.indexOf(field(v)))).ifPresent(v -> {
            throw new Invalid(field(v), v.getMessage());
        });
        return body;
    }

    /** The field as the partner wrote it ({@code person.dateOfBirth}); positions in an array left out. */
    private static String field(JacksonException e) {
        String path = e.getPath().stream().map(JacksonException.Reference::getPropertyName).filter(n -> n != null)
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "$" : path;
    }

    private static String field(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .filter(node -> node.getKind() == jakarta.validation.ElementKind.PROPERTY)
                .map(jakarta.validation.Path.Node::getName).collect(Collectors.joining("."));
    }

    private static LocalDate dateOfBirth(String date) {
        if (date == null || date.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new Invalid("person.dateOfBirth", "must be an ISO date (yyyy-mm-dd)");
        }
    }

    private static String emptyAsNone(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
