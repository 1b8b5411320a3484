package org.exitwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A clone of the project explains itself: no document or source points outside the repository
 * (for example to a design folder that only the developers have).
 */
class SelfContainedDocsTest {

    @Test
    void nothingLinksOutsideTheRepository() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Stream.concat(Stream.of(Path.of("README.md")),
                Stream.concat(Files.walk(Path.of("docs")), Stream.concat(Files.walk(Path.of("bench")),
                        Files.walk(Path.of("src")))))) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(md|java|html|properties|sql)$"))
                    .filter(SelfContainedDocsTest::pointsOutside)
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theRulesAreInTheProject() throws IOException {
        String principles = Files.readString(Path.of("docs/principles.md"));
        for (int rule = 1; rule <= 20; rule++) {
            assertThat(principles).contains("**R" + rule + " ");
        }
        assertThat(Files.readString(Path.of("README.md"))).contains("(docs/principles.md)");
    }

    private static boolean pointsOutside(Path file) {
        try {
            String text = Files.readString(file);
            // Spelled in pieces so that this file does not match itself.
            String up = ".." + "/shared/";
            return text.contains(up) || text.contains("shared" + "/design") || text.contains("shared" + "/seeds");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
