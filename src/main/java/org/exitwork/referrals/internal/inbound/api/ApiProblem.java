package org.exitwork.referrals.internal.inbound.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answers to what went wrong, as {@code application/problem+json} (RFC 9457). They name
 * what was wrong with the request, never anything about a person.
 */
final class ApiProblem {

    static final String AUTHENTICATE = "Exitwork-HMAC";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiProblem() {
    }

    static Map<String, Object> body(int status, String title, String detail, String field) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (field != null) {
            problem.put("field", field);
        }
        return problem;
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", AUTHENTICATE);
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(body(status, title, detail, null)));
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        // One answer for every failure: which check failed is not told to the caller.
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                "The request is not signed by a valid credential, or its signature, time stamp or nonce is not accepted.");
    }
}
