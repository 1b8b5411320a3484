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

    /**
     * Every relative link in the README and the documents resolves to a file or folder of the
     * repository: a reader of a fresh clone never follows a link into nothing.
     */
    @Test
    void everyRelativeLinkInTheDocumentsResolves() throws IOException {
        List<Path> documents;
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            documents = Stream.concat(Stream.of(Path.of("README.md"), Path.of("bench/README.md")),
                    docs.filter(p -> p.toString().endsWith(".md"))).toList();
        }
        List<String> broken = new java.util.ArrayList<>();
        for (Path document : documents) {
            broken.addAll(brokenLinks(document, Files.readString(document)));
        }
        assertThat(broken).isEmpty();
        assertThat(relativeTargets(Files.readString(Path.of("README.md")))).contains("docs/principles.md",
                "docs/architecture.md", "bench/README.md");
    }

    @Test
    void aLinkToAFileTheCloneDoesNotHaveIsFound() {
        String text = "The rules are in [the rules](docs/principles.md#r7), the benchmarks in "
                + "[bench](bench/README.md \"title\"), more [elsewhere](docs/PRINCIPLES.md) and "
                + "[online](https://example.org/x.md) and [here](#tests).";
        assertThat(relativeTargets(text)).containsExactly("docs/principles.md#r7", "bench/README.md",
                "docs/PRINCIPLES.md");
        assertThat(brokenLinks(Path.of("README.md"), text)).containsExactly("README.md -> docs/PRINCIPLES.md");
    }

    /** The document's relative links whose file is not in the repository, as "document -> target". */
    private static List<String> brokenLinks(Path document, String text) {
        Path folder = document.toAbsolutePath().getParent();
        return relativeTargets(text).stream()
                .filter(target -> !Files.exists(folder.resolve(target.replaceFirst("#.*$", "")).normalize()))
                .map(target -> document + " -> " + target).toList();
    }

    /** Link targets that are neither a web address nor an anchor in the same page. */
    private static List<String> relativeTargets(String text) {
        List<String> targets = new java.util.ArrayList<>();
        java.util.regex.Matcher link = MARKDOWN_LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !target.startsWith("#")) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** {@code [text](target)} or {@code [text](target "title")}; the target is group 1. */
    private static final java.util.regex.Pattern MARKDOWN_LINK =
            java.util.regex.Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

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
