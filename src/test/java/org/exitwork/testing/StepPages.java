package org.exitwork.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Reads a question page the way a browser submits it: the hidden fields it carries (the answers of the
 * other steps, and Spring's checkbox markers), so a test posts back exactly what the page holds plus what
 * it types, and never the answers from its own memory.
 */
public final class StepPages {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"");
    private static final Pattern ACTION = Pattern.compile("<form [^>]*action=\"([^\"]*)\"");

    private StepPages() {
    }

    /** The hidden fields of the page, in order, without the CSRF token (MockMvc brings its own). */
    public static Map<String, List<String>> hidden(String html) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            if (!m.group(1).equals("_csrf")) {
                fields.computeIfAbsent(unescape(m.group(1)), k -> new ArrayList<>()).add(unescape(m.group(2)));
            }
        }
        return fields;
    }

    /** The action of every form on the page, in order. */
    public static List<String> actions(String html) {
        List<String> actions = new ArrayList<>();
        Matcher m = ACTION.matcher(html);
        while (m.find()) {
            actions.add(unescape(m.group(1)));
        }
        return actions;
    }

    /** Adds the page's hidden fields to the request, then the typed answers (name, value, name, value ...). */
    public static MockHttpServletRequestBuilder submit(MockHttpServletRequestBuilder request, String page,
            String... typed) {
        hidden(page).forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
        for (int i = 0; i + 1 < typed.length; i += 2) {
            request.param(typed[i], typed[i + 1]);
        }
        return request;
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#10;", "\n").replace("&#13;", "\r").replace("&amp;", "&");
    }
}
