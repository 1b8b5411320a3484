package org.exitwork.testing;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;

/**
 * Opens every page a signed-in person reaches by following same-origin links from where they start,
 * breadth first, and checks each page with a given check. Never follows sign-out, downloads (PDF, CSV,
 * exports, documents), {@code ?lang=} twins, share and referral-form links (their tokens are
 * credentials and some are used up by opening them), nor the one look at a temporary password. Pages
 * of the same shape (ids replaced) are opened at most {@link #PER_SHAPE} times, so a long list does not
 * crowd out the other pages within the cap.
 */
public final class PageCrawler {

    /** A page that failed its check, and why. */
    public record Finding(String path, String problem) {
        @Override
        public String toString() {
            return path + ": " + problem;
        }
    }

    /** What the crawl opened and what it found. */
    public record Result(List<String> visited, List<Finding> findings) {
    }

    static final int PER_SHAPE = 3;

    private static final Pattern SKIPPED_PATH = Pattern.compile(
            "^/(sign-out|sign-in|shared/|referral-form/|api/|actuator|webjars/|css/|favicon).*"
                    + "|.*(/pdf|/export|/document|/download|\\.pdf|\\.csv|\\.json)$"
                    + "|^/manage/account-resets/[^/]+/password$");
    private static final Pattern ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\b\\d+\\b");

    private PageCrawler() {
    }

    /**
     * Crawls from {@code start} (a path), opening at most {@code maxPages} pages; {@code check} returns
     * the problems of the page it is given (empty when the page is fine).
     */
    public static Result crawl(Page page, String baseUrl, String start, int maxPages,
            BiFunction<Page, String, List<String>> check) {
        URI base = URI.create(baseUrl);
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> shapes = new HashMap<>();
        List<String> visited = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        queue.add(start);
        seen.add(start);
        while (!queue.isEmpty() && visited.size() < maxPages) {
            String path = queue.poll();
            Response response;
            try {
                response = page.navigate(baseUrl + path);
            } catch (PlaywrightException download) {
                // A download (an attachment) is not a page to look at.
                continue;
            }
            visited.add(path);
            if (response == null) {
                continue;
            }
            String type = response.headerValue("content-type");
            if (type == null || !type.startsWith("text/html")) {
                continue;
            }
            if (response.status() >= 500) {
                findings.add(new Finding(path, "answered " + response.status()));
                continue;
            }
            for (String problem : check.apply(page, path)) {
                findings.add(new Finding(path, problem));
            }
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) page.evaluate(
                    "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)");
            for (String href : hrefs) {
                String next = samePagePath(base, href);
                if (next == null || !seen.add(next)) {
                    continue;
                }
                String shape = ID.matcher(next).replaceAll("#");
                if (shapes.merge(shape, 1, Integer::sum) > PER_SHAPE) {
                    continue;
                }
                queue.add(next);
            }
        }
        return new Result(visited, findings);
    }

    /** The path and query of a link worth opening, or null: other origin, skipped, a language twin. */
    static String samePagePath(URI base, String href) {
        URI uri;
        try {
            uri = URI.create(href);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return null;
        }
        if (!base.getHost().equals(uri.getHost()) || base.getPort() != uri.getPort()) {
            return null;
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || SKIPPED_PATH.matcher(path).matches()) {
            return null;
        }
        String query = uri.getRawQuery();
        if (query != null && Pattern.compile("(^|&)lang=").matcher(query).find()) {
            return null;
        }
        return query == null ? path : path + "?" + query;
    }
}
