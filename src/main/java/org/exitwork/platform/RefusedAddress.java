package org.exitwork.platform;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The partner API's answer to a request refused for its address before any of its code runs (by Spring
 * Security's firewall or by Tomcat itself): a problem (RFC 9457), as its own errors are.
 */
public final class RefusedAddress {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RefusedAddress() {
    }

    /** A problem that says no more than its status, for a request the container refused for another reason. */
    public static byte[] statusOnly(int status) {
        return titled(status).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The problem's bytes (UTF-8) for a status; a 400 says why. */
    public static byte[] problem(int status) {
        ObjectNode problem = titled(status);
        if (status == 400) {
            problem.put("detail", "The request's address is not accepted (an encoded, doubled or dotted path segment,"
                    + " a path parameter, or a character a path may not hold).");
        }
        return problem.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode titled(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return JSON.createObjectNode().put("type", "about:blank").put("title", known == null ? "Error"
                : known.getReasonPhrase()).put("status", status);
    }
}
