package org.exitwork.referrals.internal.inbound.api;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.inbound.ReferralPayload;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The partner API's OpenAPI document ({@code /api/openapi.json}, springdoc): the HMAC scheme and the
 * shapes of requests and answers. The records here only describe JSON; the request path reads the
 * body with {@link ReferralPayload}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String SCHEME = "Exitwork-HMAC";
    static final String HOW_TO_SIGN = """
            Every call carries four headers: `Exitwork-Key` (the key id), `Exitwork-Timestamp` (Unix time in \
            seconds, within 300 seconds of the server's clock), `Exitwork-Nonce` (16-64 characters of \
            A-Z a-z 0-9 _ -, never used twice with the same key within 10 minutes) and `Exitwork-Signature`: \
            base64(HMAC-SHA256(secret, METHOD + "\\n" + path + "\\n" + timestamp + "\\n" + nonce + "\\n" + \
            lowercase hex SHA-256 of the body)). The path is the request path as sent, without query string; \
            the secret is used as the base64url-decoded 32 bytes. Any failure answers 401, a credential of the \
            other scope 403, a body over 32 KiB 413, too many calls 429 with Retry-After. Every accepted call \
            answers 202 "received" with your reference, whatever happens to the person afterwards: nothing is \
            ever reported back.""";

    @Bean
    OpenAPI partnerApiDocument() {
        return new OpenAPI()
                .info(new Info().title("Exitwork partner API").version("v1").description(
                        "Refer a person, or add information to a referral you made earlier (a one-way street: "
                                + "nothing is ever reported back).\n\n"
                                + HOW_TO_SIGN))
                .components(new Components().addSecuritySchemes(SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Exitwork-Signature")
                        .description(HOW_TO_SIGN)))
                .addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }

    @Schema(name = "Referral", description = "What the partner chooses to share; only the reference is required.")
    record ReferralRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
                    pattern = "^[\\p{L}\\p{N} ._/-]{1,100}$", description = "Your own reference") String partnerReference,
            List<PhenomenonArea> phenomenonAreas,
            @Schema(description = "true when the referral is about someone at risk close to the person") Boolean contextCase,
            PersonRequest person,
            @Schema(maxLength = ReferralPayload.MAX_TEXT) String concern) {
    }

    @Schema(name = "Person")
    record PersonRequest(@Schema(maxLength = ReferralPayload.MAX_NAME) String fullName,
            @Schema(type = "string", format = "date") LocalDate dateOfBirth,
            @Schema(maxLength = ReferralPayload.MAX_CONTACT) String contact) {
    }

    @Schema(name = "Information")
    record InformationRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
            maxLength = ReferralPayload.MAX_TEXT) String information) {
    }

    @Schema(name = "Received", description = "The same answer whatever the state of the person.")
    record Received(@Schema(allowableValues = "received", requiredMode = Schema.RequiredMode.REQUIRED) String status,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String partnerReference) {
    }

    @Schema(name = "Problem", description = "RFC 9457 problem details")
    record Problem(String type, String title, int status, String detail,
            @Schema(description = "The field that was wrong (400 only)") String field) {
    }
}
