package org.exitwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.exitwork.testing.ExitworkProcess;
import org.exitwork.testing.ExitworkProcess.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line exactly as an operator uses it: a separate JVM per command on an embedded H2
 * data directory, judged by exit status and output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineTest {

    static Path dataDir;

    @BeforeAll
    static void freshDataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("exitwork-cli-");
    }

    @Test
    @Order(1)
    void demoDataFillsAnEmptyDatabaseAndPrintsSignIns() throws Exception {
        Run run = exitwork("demo-data");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("anna", "jonas", "lena", "dpo", "password");
        assertThat(Files.exists(dataDir.resolve("master-key.json"))).isTrue();
        assertThat(exitwork("demo-data").status()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void verifyAuditPassesOnAnIntactChain() throws Exception {
        Run run = exitwork("verify-audit");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("Audit log intact");
        assertThat(Files.exists(dataDir.resolve("audit-keys.json"))).as("the audit keys, outside the database").isTrue();
    }

    @Test
    @Order(3)
    void rotateKeysRewrapsEveryClientKey() throws Exception {
        String before = Files.readString(dataDir.resolve("master-key.json"));
        Run run = exitwork("rotate-keys");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("re-wrapped 3 client keys");
        assertThat(Files.readString(dataDir.resolve("master-key.json"))).isNotEqualTo(before);
    }

    @Test
    @Order(3)
    void eraseExpiredErasesNothingBeforeAnyPeriodHasPassed() throws Exception {
        Run run = exitwork("erase-expired");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("Erased 0 clients");
    }

    @Test
    @Order(4)
    void verifyAuditNamesTheFirstTamperedEntry() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("exitwork")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "exitwork", "");
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER aud_entry_append_only");
            s.execute("UPDATE aud_entry SET detail = 'rewritten history' WHERE seq = 4");
        }
        Run run = exitwork("verify-audit");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("BROKEN at entry 4 (organisation ").contains("NOT_AUTHENTIC");
    }

    @Test
    @Order(5)
    void anUnknownCommandIsRefusedWithUsage() throws Exception {
        Run run = exitwork("erase-everything");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("Unknown command", "verify-audit");
    }

    static Run exitwork(String... args) throws Exception {
        return ExitworkProcess.run(dataDir, args);
    }
}
