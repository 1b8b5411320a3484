package org.exitwork.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A GET handler's service calls share one transaction, and it ends as the services decided: their
 * failures roll all back and are answered as they were thrown, an exception a service keeps its work
 * for keeps it, and a handler that goes on after a failure gets no page. Other handlers are untouched.
 */
class PageTransactionsTest {

    /** An exception after which the service keeps what it wrote, as a refusal it audits. */
    static final class Kept extends RuntimeException {
    }

    static class Service {
        final JdbcTemplate jdbc;

        Service(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        public void write(String row) {
            jdbc.update("INSERT INTO written (row_text) VALUES (?)", row);
        }

        @Transactional
        public void writeThenFail(String row) {
            write(row);
            throw new IllegalStateException("failed after writing " + row);
        }

        @Transactional(noRollbackFor = Kept.class)
        public void writeThenRefuse(String row) {
            write(row);
            throw new Kept();
        }
    }

    @Controller
    static class Pages {
        Service service;

        @GetMapping("/two")
        String twoCalls() {
            service.write("a");
            service.write("b");
            return "page";
        }

        @GetMapping("/fails")
        String failsAfterWriting() {
            service.write("a");
            service.writeThenFail("b");
            return "page";
        }

        @GetMapping("/goes-on")
        String goesOnAfterAFailure() {
            service.write("a");
            try {
                service.writeThenFail("b");
            } catch (IllegalStateException shownAnyway) {
                // a page that would show what it read although its transaction failed
            }
            return "page";
        }

        @GetMapping("/refused")
        String refusedButKept() {
            service.writeThenRefuse("a");
            return "page";
        }

        @RequestMapping(path = "/either", method = { RequestMethod.GET, RequestMethod.HEAD })
        String either() {
            return twoCalls();
        }

        @PostMapping("/two")
        String posted() {
            return twoCalls();
        }

        @GetMapping("/two.csv")
        ResponseEntity<byte[]> file() {
            twoCalls();
            return ResponseEntity.ok(new byte[0]);
        }
    }

    final AtomicInteger connections = new AtomicInteger();
    JdbcTemplate jdbc;
    Pages pages;

    @BeforeEach
    void aDatabaseAServiceAndAController() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pages-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        DataSource counted = new DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
        jdbc = new JdbcTemplate(counted);
        jdbc.execute("CREATE TABLE written (row_text VARCHAR(10))");
        PlatformTransactionManager manager = new DataSourceTransactionManager(counted);

        ProxyFactory services = new ProxyFactory(new Service(jdbc));
        services.setProxyTargetClass(true);
        services.addAdvice(new TransactionInterceptor(manager, new AnnotationTransactionAttributeSource(false)));
        Pages target = new Pages();
        target.service = (Service) services.getProxy();

        ProxyFactory handlers = new ProxyFactory(target);
        handlers.setProxyTargetClass(true);
        handlers.addAdvisor(PageTransactions.pagesInOneTransaction(
                new StaticListableBeanFactory(Map.of("transactions", manager)).getBeanProvider(PlatformTransactionManager.class)));
        pages = (Pages) handlers.getProxy();
        connections.set(0);
    }

    private List<String> written() {
        return jdbc.queryForList("SELECT row_text FROM written ORDER BY row_text", String.class);
    }

    @Test
    void aPageTakesOneConnectionForAllItsServiceCalls() {
        assertThat(pages.twoCalls()).isEqualTo("page");
        assertThat(connections.get()).isEqualTo(1);
        assertThat(written()).containsExactly("a", "b");

        connections.set(0);
        assertThat(pages.either()).isEqualTo("page");
        assertThat(connections.get()).as("a handler that answers GET among other methods").isEqualTo(1);
    }

    @Test
    void aFailingServiceRollsThePageBackAndItsExceptionIsTheAnswer() {
        assertThatThrownBy(pages::failsAfterWriting).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("failed after writing b");
        assertThat(written()).isEmpty();
    }

    @Test
    void aHandlerThatGoesOnAfterAFailureGetsNoPage() {
        assertThatThrownBy(pages::goesOnAfterAFailure).isExactlyInstanceOf(UnexpectedRollbackException.class);
        assertThat(written()).isEmpty();
    }

    @Test
    void whatAServiceKeepsThroughItsExceptionIsKept() {
        assertThatThrownBy(pages::refusedButKept).isExactlyInstanceOf(Kept.class);
        assertThat(written()).containsExactly("a");
    }

    @Test
    void aHandlerThatAnswersAFileIsNotAPage() {
        assertThat(pages.file().getStatusCode().value()).isEqualTo(200);
        assertThat(connections.get()).as("each service call its own, the file made after them").isEqualTo(2);
        assertThat(written()).containsExactly("a", "b");
    }

    @Test
    void otherHandlersKeepTheTransactionsOfTheirServices() {
        assertThat(pages.posted()).isEqualTo("page");
        assertThat(connections.get()).as("each service call its own").isEqualTo(2);
        assertThat(written()).containsExactly("a", "b");
    }
}
