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
import org.exitwork.platform.DailyBudget;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    @Autowired
    JdbcClient jdbc;

    @Autowired
    java.time.Clock clock;

    /**
     * The first uses of a new day of many links at once each delete the days before (the same rows): none of
     * them fails, each counts its own link once, and only today's counts are left.
     */
    @Test
    void manyLinksFirstUsesOfADayAtOnce() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        for (int i = 0; i < 30; i++) {
            jdbc.sql("INSERT INTO dis_link_use (link_id, used_on, uses) VALUES (?, ?, 3)")
                    .params(UUID.randomUUID(), today.minusDays(1 + i % 3)).update();
        }
        int threads = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<DailyBudget.Use>>> runs = new ArrayList<>();
            List<UUID> links = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    List<DailyBudget.Use> seen = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        UUID link = UUID.randomUUID();
                        links.add(link);
                        seen.add(transactions.execute(status -> uses.use(link)));
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (Future<List<DailyBudget.Use>> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).containsOnly(DailyBudget.Use.COUNTED);
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_link_use WHERE used_on < ?").param(today).query(Long.class)
                    .single()).isZero();
            for (UUID link : links) {
                assertThat(jdbc.sql("SELECT uses FROM dis_link_use WHERE link_id = ?").param(link).query(Integer.class)
                        .single()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

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
            List<Future<List<DailyBudget.Use>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    List<DailyBudget.Use> seen = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        seen.add(transactions.execute(status -> uses.use(link)));
                    }
                    return seen;
                }));
            }
            start.countDown();
            Map<DailyBudget.Use, Integer> counted = new EnumMap<>(DailyBudget.Use.class);
            for (Future<List<DailyBudget.Use>> run : runs) {
                for (DailyBudget.Use use : run.get(60, TimeUnit.SECONDS)) {
                    counted.merge(use, 1, Integer::sum);
                }
            }
            assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(DailyBudget.Use.COUNTED, perDay,
                    DailyBudget.Use.BUDGET_USED_UP, 1, DailyBudget.Use.OVER_BUDGET, threads * each - perDay - 1));
        } finally {
            pool.shutdownNow();
        }
    }
}
