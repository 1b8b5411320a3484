package org.exitwork.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema of a first start is made with H2's default write delay, and the database leaves Flyway
 * with a delay of 0 again (every commit in the file before it returns), after success and after a
 * failed migration alike. Flyway with this callback on an H2 file database whose URL says
 * {@code WRITE_DELAY=0}, as the shipped one does; no Spring context.
 */
class EmbeddedMigrationWritesTest {

    @TempDir
    Path dir;

    @Test
    void theMigrationsRunWithTheDefaultDelayAndTheDatabaseIsLeftAtZero() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(scripts.resolve("V1__one.sql"), "CREATE TABLE one (id INT PRIMARY KEY);");
        Files.writeString(scripts.resolve("V2__two.sql"), "CREATE TABLE two (id INT PRIMARY KEY);");
        String url = url();
        List<String> during = new CopyOnWriteArrayList<>();

        flyway(url, scripts, during).migrate();

        assertThat(during).containsExactly("500", "500");
        assertThat(writeDelay(url)).isEqualTo("0");
    }

    @Test
    void aFailedMigrationLeavesTheDatabaseAtZeroToo() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("failing"));
        Files.writeString(scripts.resolve("V1__one.sql"), "CREATE TABLE one (id INT PRIMARY KEY);");
        Files.writeString(scripts.resolve("V2__broken.sql"), "CREATE TABLE one (id INT PRIMARY KEY);");
        String url = url();

        assertThatThrownBy(() -> flyway(url, scripts, new CopyOnWriteArrayList<>()).migrate())
                .isInstanceOf(FlywayException.class);

        assertThat(writeDelay(url)).isEqualTo("0");
    }

    @Test
    void inMemoryDatabasesAreLeftAlone() throws Exception {
        String url = "jdbc:h2:mem:migration-writes;DB_CLOSE_DELAY=-1;WRITE_DELAY=0";
        Path scripts = Files.createDirectories(dir.resolve("memory"));
        Files.writeString(scripts.resolve("V1__one.sql"), "CREATE TABLE one (id INT PRIMARY KEY);");
        List<String> during = new CopyOnWriteArrayList<>();

        flyway(url, scripts, during).migrate();

        // An in-memory database writes no file: its delay stays as its URL set it.
        assertThat(during).containsExactly("0");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(EmbeddedMigrationWrites.embeddedFile(c)).isFalse();
        }
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db").resolve("exitwork") + ";MODE=PostgreSQL;WRITE_DELAY=0";
    }

    /** Flyway with the callback under test and one that notes the delay after each migration. */
    private static Flyway flyway(String url, Path scripts, List<String> during) {
        Callback observer = new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_EACH_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                try {
                    during.add(writeDelay(context.getConnection()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String getCallbackName() {
                return "observer";
            }
        };
        return Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + scripts)
                .callbacks(new EmbeddedMigrationWrites(), observer).load();
    }

    private static String writeDelay(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url.replace(";WRITE_DELAY=0", ""), "sa", "")) {
            return writeDelay(c);
        }
    }

    private static String writeDelay(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            r.next();
            return r.getString(1);
        }
    }
}
