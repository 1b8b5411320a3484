package org.exitwork.commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@DatabaseTest
@TestPropertySource(properties = "exitwork.test.context=demo-data")
class DemoDataTest {

    @Autowired
    CommandRunner commands;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fillsAnEmptyDatabaseOnceAndPrintsTheSignIns() {
        String[] first = run();
        assertThat(first[0]).isEqualTo("0");
        assertThat(first[1]).contains("anna", "jonas", "lena", "dpo", "admin", "password");
        assertThat(jdbc.sql("SELECT stage, COUNT(*) FROM cas_client GROUP BY stage ORDER BY stage")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list()).containsExactly("CLIENT=2", "PROSPECT=1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isEqualTo(6);

        String[] second = run();
        assertThat(second[0]).isEqualTo("1");
        assertThat(second[1]).contains("refused");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acc_staff").query(Long.class).single()).isEqualTo(6);

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
