package org.exitwork;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules (R1-R20) are the project's own shorthand: users read what a rule means, never its number.
 * No message and no template text names one; comments in templates and {@code th:remove} blocks may.
 */
class NoRuleNumbersShownTest {

    static final Pattern RULE = Pattern.compile("\\bR([1-9]|1[0-9]|20)\\b");

    @Test
    void noMessageNamesARuleNumber() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(MessageBundlesTest.BUNDLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                Properties p = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(reader);
                }
                p.stringPropertyNames().stream().filter(k -> RULE.matcher(p.getProperty(k)).find()).sorted()
                        .forEach(k -> found.add(file.getFileName() + ": " + k + "=" + p.getProperty(k)));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void noTemplateTextNamesARuleNumber() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MessageBundlesTest.TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String shown = shown(Files.readString(file));
                var m = RULE.matcher(shown);
                while (m.find()) {
                    int from = Math.max(0, m.start() - 40);
                    found.add(file + ": ..." + shown.substring(from, Math.min(shown.length(), m.end() + 40)).strip());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void commentsAndRemovedBlocksMayNameRules() {
        assertThat(RULE.matcher(shown("<!-- the gate (R9) --><p>Shared</p>")).find()).isFalse();
        assertThat(RULE.matcher(shown("<div th:remove=\"all\"><p>Example (R5)</p></div><p>ok</p>")).find()).isFalse();
        assertThat(RULE.matcher(shown("<p>Internal (R5)</p>")).find()).isTrue();
        assertThat(RULE.matcher(shown("<p title=\"R12\">x</p>")).find()).isTrue();
    }

    /** A template without its comments and {@code th:remove="all"} blocks: what can reach a user. */
    static String shown(String template) {
        return template.replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("(?s)<(\\w+)[^>]*\\bth:remove=\"all\"[^>]*>.*?</\\1>", "");
    }
}
