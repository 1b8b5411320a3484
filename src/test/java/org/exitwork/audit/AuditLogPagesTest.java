package org.exitwork.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.ListPages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The data protection officer reads the log two hundred entries a page, newest first, by the chain's own numbers. */
@DatabaseTest
@AutoConfigureMockMvc
class AuditLogPagesTest {

    private static final Pattern SEQ = Pattern.compile("<td class=\"audit-seq\"[^>]*>([0-9]+)</td>");
    private static final Pattern OLDER = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AuditLog log;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theLogPagesFromTheNewestEntryDownAndNeverShowsAnotherOrganisation() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        Fixtures.Organisation other = fixtures.organisation();
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        for (int i = 0; i < 230; i++) {
            log.record(new AuditEvent(org.id(), dpo.id(), dpo.username(), "CASE_READ", "Pageling" + i, null));
        }
        log.record(new AuditEvent(other.id(), null, "stranger", "CASE_READ", "Otherorgmarker", null));
        long newest = jdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = ?").param(org.id().toString())
                .query(Long.class).single();

        String first = page("/audit", dpo);
        assertThat(seqs(first)).hasSize(200).first().isEqualTo(newest);
        assertThat(seqs(first)).last().isEqualTo(newest - 199);
        assertThat(first).doesNotContain("Otherorgmarker").doesNotContain("rel=\"first\"");
        String older = link(first);
        assertThat(older).isEqualTo("/audit?before=" + (newest - 199));

        String second = page(older, dpo);
        List<Long> rest = seqs(second);
        assertThat(rest).first().isEqualTo(newest - 200);
        assertThat(rest).last().isEqualTo(1L);
        assertThat(rest).hasSize((int) newest - 200);
        assertThat(OLDER.matcher(second).find()).as("nothing older than entry 1").isFalse();
        assertThat(second).contains("rel=\"first\" href=\"/audit\"").doesNotContain("Otherorgmarker");
    }

    @Test
    void aCursorThatIsNoNumberIsRefused() throws Exception {
        StaffPrincipal dpo = fixtures.staff(fixtures.organisation(), Role.DATA_PROTECTION_OFFICER);
        for (String query : List.of("before=abc", "legacyFrom=x", "before=1.5")) {
            assertThat(mvc.perform(get("/audit?" + query).with(as(dpo))).andReturn().getResponse().getStatus())
                    .as(query).isEqualTo(400);
        }
    }

    private String page(String url, StaffPrincipal who) throws Exception {
        return ListPages.page(mvc, url, who);
    }

    private static List<Long> seqs(String html) {
        List<Long> found = new ArrayList<>();
        Matcher m = SEQ.matcher(html);
        while (m.find()) {
            found.add(Long.parseLong(m.group(1)));
        }
        return found;
    }

    private static String link(String html) {
        Matcher m = OLDER.matcher(html);
        assertThat(m.find()).as("a link to older entries").isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
