package org.exitwork.referrals.internal.inbound.api;

import java.util.LinkedHashMap;
import java.util.Map;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.inbound.ReferralPayload;
import org.exitwork.referrals.internal.inbound.Scope;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner API (R7). The request path authenticates ({@link SignedRequestFilter}), validates,
 * appends to the inbox and answers "received" with the partner's own reference, whatever the
 * state of the person: it reads nothing about cases or referrals.
 */
@RestController
class ReferralApiController {

    private final Inbox inbox;

    ReferralApiController(Inbox inbox) {
        this.inbox = inbox;
    }

    @PostMapping("/api/v1/referrals")
    @Operation(summary = "Refer a person", description = "Needs a credential with scope SUBMIT_REFERRAL.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = ApiDocumentation.ReferralRequest.class))))
    @Received
    ResponseEntity<Map<String, Object>> submit(HttpServletRequest request) {
        PartnerCaller caller = caller(Scope.SUBMIT_REFERRAL);
        requireJson(request);
        var referral = ReferralPayload.referral(CachedBodyRequest.body(request));
        inbox.append(caller.organisationId(), caller.partnerId(), Inbox.Via.API, referral);
        return received(referral.partnerReference());
    }

    @PostMapping("/api/v1/referrals/{partnerReference}/information")
    @Operation(summary = "Add information to a referral you made", description = "Needs a credential with scope "
            + "ADD_INFORMATION. The answer is the same whether or not the reference is known.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = ApiDocumentation.InformationRequest.class))))
    @Received
    ResponseEntity<Map<String, Object>> addInformation(@PathVariable String partnerReference,
            HttpServletRequest request) {
        PartnerCaller caller = caller(Scope.ADD_INFORMATION);
        requireJson(request);
        var information = ReferralPayload.information(partnerReference, CachedBodyRequest.body(request));
        inbox.append(caller.organisationId(), caller.partnerId(), Inbox.Via.API, information);
        return received(information.partnerReference());
    }

    /** The answers every operation documents. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "202", description = "Received", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiDocumentation.Received.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body, naming the field", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ApiDocumentation.Problem.class)))
    @ApiResponse(responseCode = "401", description = "Missing, forged, stale, replayed or revoked signature",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ApiDocumentation.Problem.class)))
    @ApiResponse(responseCode = "403", description = "The credential has the other scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ApiDocumentation.Problem.class)))
    @ApiResponse(responseCode = "413", description = "Body over 32 KiB", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ApiDocumentation.Problem.class)))
    @ApiResponse(responseCode = "415", description = "Body not application/json", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ApiDocumentation.Problem.class)))
    @ApiResponse(responseCode = "429", description = "Too many calls with this credential (Retry-After)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ApiDocumentation.Problem.class)))
    @interface Received {
    }

    static ResponseEntity<Map<String, Object>> received(String partnerReference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "received");
        body.put("partnerReference", partnerReference);
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler(ReferralPayload.Invalid.class)
    ResponseEntity<Map<String, Object>> invalid(ReferralPayload.Invalid e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad Request", e.field + ": " + e.getMessage(), e.field);
    }

    @ExceptionHandler(NotJson.class)
    ResponseEntity<Map<String, Object>> notJson(NotJson e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                "The body must be application/json.", null);
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String title, String detail,
            String field) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.body(status.value(), title, detail, field));
    }

    /** The signed caller; the security chain lets nobody else through, this is a second check. */
    private static PartnerCaller caller(Scope scope) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof PartnerCaller caller
                && caller.scope() == scope) {
            return caller;
        }
        throw new org.springframework.security.access.AccessDeniedException("not a partner call");
    }

    private static void requireJson(HttpServletRequest request) {
        String type = request.getContentType();
        try {
            if (type != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))
                    && !MediaType.parseMediaType(type).isWildcardSubtype()) {
                return;
            }
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            // fall through
        }
        throw new NotJson();
    }

    static final class NotJson extends RuntimeException {
        NotJson() {
            super(null, null, false, false);
        }
    }
}
