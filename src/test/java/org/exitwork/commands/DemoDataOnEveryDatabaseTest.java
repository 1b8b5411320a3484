package org.exitwork.commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.exitwork.platform.DemoContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo-data} in-process, on H2 and on PostgreSQL: every module's contributor runs (the
 * {@code demo-data} profile the command sets), a second run is refused, and the audit chain of all
 * that work verifies. {@link DemoDataTest} checks the pages on an installation made by the jar.
 */
@DatabaseTest
@ActiveProfiles({ "test", DemoContent.PROFILE })
@TestPropertySource(properties = "exitwork.test.context=demo-data")
class DemoDataOnEveryDatabaseTest {

    @Autowired
    CommandRunner commands;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fillsAnEmptyDatabaseOnceAndPrintsTheSignIns() {
        String[] first = run();
        assertThat(first[0]).isEqualTo("0");
        assertThat(first[1]).contains("Anna Berger, practitioner: user anna, password ", "user admin");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM net_partner").query(Long.class).single()).isEqualTo(15);
        assertThat(jdbc.sql("SELECT stage, COUNT(*) FROM cas_client GROUP BY stage ORDER BY stage")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list()).containsExactly("CLIENT=2", "CLOSED=1", "PROSPECT=2");
        // Six staff, the administrator, and the peer invited to the demo's peer group.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isEqualTo(8);

        String[] second = run();
        assertThat(second[0]).isEqualTo("1");
        assertThat(second[1]).contains("refused");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isEqualTo(8);

        assertThat(commands.run(Command.VERIFY_AUDIT, new String[0])).isZero();
    }

    private String[] run() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            return new String[] {Integer.toString(commands.run(Command.DEMO_DATA, new String[0])), out.toString()};
        } finally {
            System.setOut(original);
        }
    }
}
