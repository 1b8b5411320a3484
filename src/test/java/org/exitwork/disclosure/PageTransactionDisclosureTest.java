package org.exitwork.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.consent.DataKind;
import org.exitwork.platform.PdfDocuments;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Programmes;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.thymeleaf.ITemplateEngine;

/**
 * What leaves through the gate on a GET, now that a GET handler runs in one transaction (issue 19):
 * a file is made after its record is committed, holding no database connection while a PDF is
 * rendered; and the closed answer of a partner's link never leaves before the refusal it records is
 * committed. Each answer is watched from outside, on a connection of its own, at the moment it leaves.
 */
@DatabaseTest
class PageTransactionDisclosureTest {

    /** Watches the partner's link: what was committed when the answer began to leave. */
    @TestConfiguration
    static class Watch {
        static final List<Long> REFUSALS_COMMITTED_WHEN_ANSWERED = new CopyOnWriteArrayList<>();
        static volatile String pseudonym;

        @Bean
        FilterRegistrationBean<Filter> answerLeaves(DataSource dataSource) {
            Filter filter = (request, response, chain) -> {
                if (!((HttpServletRequest) request).getRequestURI().startsWith("/service-request/")) {
                    chain.doFilter(request, response);
                    return;
                }
                boolean[] left = {false};
                Runnable leaving = () -> {
                    if (!left[0]) {
                        left[0] = true;
                        REFUSALS_COMMITTED_WHEN_ANSWERED.add(committed(dataSource, "SERVICE_REQUEST_LINK_REFUSED",
                                pseudonym));
                    }
                };
                chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {
                    @Override
                    public void flushBuffer() throws IOException {
                        leaving.run();
                        super.flushBuffer();
                    }
                });
                // Not flushed before: the answer leaves when the request ends.
                leaving.run();
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        /** The one PDF renderer, watched: each render notes what it saw, then renders as ever. */
        @Bean
        static BeanPostProcessor watchedPdfs(ObjectProvider<ITemplateEngine> templates,
                ObjectProvider<DataSource> dataSource) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof PdfDocuments && !(bean instanceof WatchedPdfs)
                            ? new WatchedPdfs(templates.getObject(), dataSource) : bean;
                }
            };
        }
    }

    /** While a PDF is rendered: was a transaction open, and how many entries of the action were committed. */
    record Rendering(boolean inTransaction, long recordsCommitted) {
    }

    static final class WatchedPdfs extends PdfDocuments {
        static final List<Rendering> RENDERINGS = new CopyOnWriteArrayList<>();
        static volatile String action;
        private final ObjectProvider<DataSource> dataSource;

        WatchedPdfs(ITemplateEngine templates, ObjectProvider<DataSource> dataSource) {
            super(templates);
            this.dataSource = dataSource;
        }

        @Override
        public byte[] render(String template, Locale language, Map<String, Object> variables) {
            if (action != null) {
                RENDERINGS.add(new Rendering(TransactionSynchronizationManager.isActualTransactionActive(),
                        committed(dataSource.getObject(), action, null)));
            }
            return super.render(template, language, variables);
        }
    }

    /** Entries of an action committed now, seen on a connection of its own (waiting or linked). */
    static long committed(DataSource dataSource, String action, String subject) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT (SELECT COUNT(*) FROM aud_pending WHERE action = ?"
                        + " AND (? IS NULL OR subject = ?)) + (SELECT COUNT(*) FROM aud_entry WHERE action = ?"
                        + " AND (? IS NULL OR subject = ?))")) {
            count.setString(1, action);
            count.setString(2, subject);
            count.setString(3, subject);
            count.setString(4, action);
            count.setString(5, subject);
            count.setString(6, subject);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern LINK = Pattern.compile(
            "data-testid=\"service-request-link\">[^<]*/service-request/([A-Za-z0-9_-]{43})<");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Programmes programmes;

    @Autowired
    Clock clock;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    Fixtures.Organisation org;
    StaffPrincipal manager;
    StaffPrincipal a;
    StaffPrincipal b;

    @BeforeEach
    void organisation() {
        WatchedPdfs.action = null;
        org = fixtures.organisation();
        manager = fixtures.staff(org, Role.MANAGER);
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
    }

    private List<Rendering> watchRendering(String action) {
        WatchedPdfs.RENDERINGS.clear();
        WatchedPdfs.action = action;
        return WatchedPdfs.RENDERINGS;
    }

    @Test
    void aFundersPdfIsRenderedAfterItsRecordIsCommittedHoldingNoConnection() throws Exception {
        UUID programme = programmes.create(manager, new Design.Draft(Fixtures.unique("Exit "), "Leaving for good",
                "Young people", EnumSet.of(PhenomenonArea.RIGHT_WING), EnumSet.noneOf(Pathway.class), Set.of()));
        UUID funder = partner("FUNDER", Fixtures.unique("Foundation "));
        LocalDate today = LocalDate.now(clock);
        LocalDate quarter = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
        for (int i = 0; i < 10; i++) {
            RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Client "));
            assertThat(send(post("/cases/{id}/programme", client.id()).param("programme", programme.toString()), a)
                    .getStatus()).isEqualTo(302);
            fixtures.note(a, client.id(), "A session");
        }
        MockHttpServletResponse made = send(post("/programmes/{id}/agreements", programme)
                .param("funder", funder.toString()).param("measures", "CLIENTS_WORKED_WITH", "SESSIONS_HELD")
                .param("periodMonths", "3").param("firstPeriodStart", quarter.toString()).param("language", "en")
                .param("agreedOn", today.toString()).param("reference", "Grant 1"), manager);
        assertThat(made.getStatus()).isEqualTo(302);
        String prefix = "/programmes/" + programme + "/agreements/";
        UUID agreement = UUID.fromString(made.getRedirectedUrl().substring(prefix.length()));
        ((MutableClock) clock).advance(Duration.ofDays(ChronoUnit.DAYS.between(today, quarter.plusMonths(3)) + 1));
        MockHttpServletResponse released = send(post("/programmes/{id}/agreements/{a}/reports/{s}", programme,
                agreement, quarter), manager);
        assertThat(released.getStatus()).isEqualTo(200);
        UUID report = FunderReportTest.reportOf(released);
        String link = FunderReportTest.linkOf(released);
        String token = link.substring(link.lastIndexOf('/') + 1);

        List<Rendering> fetched = watchRendering("FUNDER_REPORT_FETCHED");
        long before = committed(dataSource, "FUNDER_REPORT_FETCHED", null);
        MockHttpServletResponse pdf = mvc.perform(get("/funded/{t}/report.pdf", token)).andReturn().getResponse();
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(fetched).as("the funder's PDF: rendered outside any transaction, its fetch already on record")
                .containsExactly(new Rendering(false, before + 1));

        List<Rendering> downloaded = watchRendering("FUNDER_REPORT_DOWNLOADED");
        before = committed(dataSource, "FUNDER_REPORT_DOWNLOADED", null);
        MockHttpServletResponse staff = mvc.perform(get("/funder-reports/{r}/report.pdf", report).with(as(manager)))
                .andReturn().getResponse();
        assertThat(staff.getStatus()).isEqualTo(200);
        assertThat(downloaded).as("the manager's PDF: rendered outside any transaction, its download already on record")
                .containsExactly(new Rendering(false, before + 1));
    }

    @Test
    void theClosedAnswerOfAPartnersLinkLeavesOnlyWithItsRefusalOnRecord() throws Exception {
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Srname ") + " Person");
        Watch.pseudonym = client.pseudonym();
        UUID housing = partner("HOUSING", Fixtures.unique("Partner HOUSING "));
        assertThat(send(post("/network/partners/{id}/services", housing).param("needs", "HOUSING")
                .param("howToReach", "Intake desk, phone 030 123").param("language", "German")
                .param("responseDays", "5"), manager).getStatus()).isEqualTo(302);
        LocalDate today = LocalDate.now(clock);
        MockHttpServletResponse consented = send(post("/cases/{id}/consents", client.id())
                .param("partnerId", housing.toString()).param("purpose", "Housing")
                .param("kinds", "SERVICE_REQUEST", "CURRENT_NEEDS").param("validFrom", today.toString())
                .param("validUntil", today.plusMonths(6).toString()).param("informedHow", "FORM_READ_TOGETHER"), a);
        assertThat(consented.getStatus()).isEqualTo(302);
        UUID consent = jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        MockHttpServletResponse requested = send(post("/cases/{id}/service-requests", client.id())
                .param("partnerId", housing.toString()).param("consentId", consent.toString()).param("need", "HOUSING")
                .param("language", "en").param("texts[" + DataKind.CURRENT_NEEDS.ordinal() + "]", "A flat"), a);
        assertThat(requested.getStatus()).isEqualTo(200);
        Matcher link = LINK.matcher(requested.getContentAsString(StandardCharsets.UTF_8));
        assertThat(link.find()).as("the link is shown").isTrue();
        String token = link.group(1);
        assertThat(send(post("/cases/{id}/consents/{c}/revoke", client.id(), consent)
                .param("revokedOn", today.toString()), a).getStatus()).isEqualTo(302);

        Watch.REFUSALS_COMMITTED_WHEN_ANSWERED.clear();
        MockHttpServletResponse closed = mvc.perform(post("/service-request/{token}/open", token)).andReturn().getResponse();
        assertThat(closed.getStatus()).isEqualTo(404);
        assertThat(closed.getContentAsString()).isEqualTo("This link is not valid.");
        assertThat(Watch.REFUSALS_COMMITTED_WHEN_ANSWERED).as("refusals on record when the closed answer left")
                .containsExactly(1L);
    }

    // ---------------------------------------------------------------------------------------------

    private UUID partner(String kind, String name) throws Exception {
        MockHttpServletResponse made = send(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "Their mandate").param("agreement", "INFORMAL"), manager);
        assertThat(made.getStatus()).as("partner " + kind).isEqualTo(302);
        return UUID.fromString(made.getRedirectedUrl().substring("/network/partners/".length()));
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse();
    }
}
