package org.exitwork.disclosure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.RequestDispatcher;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A link's daily budget counted by requests at once, as a partner's browser or a scanner sends them: every
 * use is counted once, exactly the budget is served, exactly one use is the one that used it up (audited
 * once), and the link's first uses of the day, made at once, neither fail nor count twice.
 */
@DatabaseTest
class LinkUsesTest {

    @Autowired
    LinkUses uses;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MockMvc mvc;

    /**
     * The page a link used too often answers (the container's error page for 429, which MockMvc does not
     * forward to by itself): it says so, in the partner's language, not the page for a request with mistakes.
     */
    @Test
    void theLinkUsedTooOftenPageSaysSoInEnglishAndGerman() throws Exception {
        for (String[] language : new String[][] { { "en", "This link was used too often today." },
                { "de", "Dieser Link wurde heute zu oft genutzt." } }) {
            MockHttpServletResponse page = mvc.perform(org.springframework.test.web.servlet.request
                    .MockMvcRequestBuilders.get("/error").header(HttpHeaders.ACCEPT_LANGUAGE, language[0])
                    .header(HttpHeaders.ACCEPT, "text/html")
                    .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 429)
                    .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/shared/abc")
                    .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new LinkUses.TooOften()))
                    .andReturn().getResponse();
            assertThat(page.getStatus()).as(language[0]).isEqualTo(429);
            assertThat(page.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).as(language[0])
                    .contains(language[1]);
        }
    }

    @Test
    void usesAtOnceAreCountedExactly() throws Exception {
        int perDay = uses.perDay();
        int threads = 4;
        int each = (perDay + 10) / threads + 1;
        UUID link = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<LinkUses.Use>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    List<LinkUses.Use> seen = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        seen.add(transactions.execute(status -> uses.use(link)));
                    }
                    return seen;
                }));
            }
            start.countDown();
            Map<LinkUses.Use, Integer> counted = new EnumMap<>(LinkUses.Use.class);
            for (Future<List<LinkUses.Use>> run : runs) {
                for (LinkUses.Use use : run.get(60, TimeUnit.SECONDS)) {
                    counted.merge(use, 1, Integer::sum);
                }
            }
            assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(LinkUses.Use.COUNTED, perDay,
                    LinkUses.Use.BUDGET_USED_UP, 1, LinkUses.Use.OVER_BUDGET, threads * each - perDay - 1));
        } finally {
            pool.shutdownNow();
        }
    }
}
