package org.exitwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;

/**
 * Every module's {@code allowedDependencies} says exactly what it uses today, no more and no less,
 * and docs/architecture.md ("Modules and what each may use") says the same. {@code verify()} only
 * catches a dependency that is not declared; this also fails on a declaration nothing uses any more,
 * so a declaration cannot silently grow into a licence.
 */
class ModuleDependenciesTest {

    static final ApplicationModules MODULES = ModularityTest.MODULES;

    static final Path ARCHITECTURE = Path.of("docs/architecture.md");
    static final String SECTION = "## Modules and what each may use";
    static final String TABLE = "| module | may use |";
    /** A module (`cases`) or one of its named interfaces (`cases::erasure`): lower case, unlike class names. */
    static final Pattern FACE = Pattern.compile("`([a-z]+(?:::[a-z-]+)?)`");

    @Test
    void eachModuleDeclaresExactlyWhatItUses() {
        List<String> problems = new ArrayList<>();
        MODULES.forEach(module -> problems.addAll(problems(module, declared(module))));
        assertThat(problems).as("module dependencies against their declarations").isEmpty();
    }

    /** The check can fail, in both directions, and names the module and the dependency. */
    @Test
    void aMissingOrUnusedDeclarationIsNamed() {
        ApplicationModule consent = MODULES.getModuleByName("consent").orElseThrow();
        Set<String> withoutErasure = new TreeSet<>(declared(consent));
        assertThat(withoutErasure.remove("cases::erasure")).isTrue();
        withoutErasure.add("quality");

        assertThat(problems(consent, withoutErasure)).containsExactly(
                "consent uses cases::erasure (org.exitwork.cases.ClientErased) but does not declare it in allowedDependencies",
                "consent declares quality in allowedDependencies but uses nothing of it any more");
    }

    @Test
    void theArchitectureDocumentListsTheDeclarations() throws IOException {
        Map<String, Set<String>> documented = documented();
        Map<String, Set<String>> declared = new TreeMap<>();
        MODULES.forEach(module -> declared.put(name(module), new TreeSet<>(declared(module))));
        assertThat(documented)
                .as("the table under \"%s\" in %s against the modules' allowedDependencies", SECTION, ARCHITECTURE)
                .isEqualTo(declared);
    }

    static String name(ApplicationModule module) {
        return module.getIdentifier().toString();
    }

    static List<String> problems(ApplicationModule module, Set<String> declared) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> used = used(module);
        used.forEach((type, faces) -> {
            if (faces.stream().noneMatch(declared::contains)) {
                problems.add(name(module) + " uses " + String.join(" / ", faces) + " (" + type
                        + ") but does not declare it in allowedDependencies");
            }
        });
        Set<String> usedFaces = used.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        declared.stream().sorted().filter(face -> !usedFaces.contains(face))
                .forEach(face -> problems.add(name(module) + " declares " + face
                        + " in allowedDependencies but uses nothing of it any more"));
        return problems;
    }

    static Set<String> declared(ApplicationModule module) {
        String packageInfo = module.getBasePackage().getName() + ".package-info";
        try {
            var annotation = Class.forName(packageInfo)
                    .getAnnotation(org.springframework.modulith.ApplicationModule.class);
            assertThat(annotation).as("@ApplicationModule on %s", packageInfo).isNotNull();
            return Set.of(annotation.allowedDependencies());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no package-info for module " + name(module), e);
        }
    }

    /**
     * What the module's code uses, type by type: the faces of the other module that hold the type
     * (`cases` for its unnamed interface, `cases::erasure` for a named one; a type a named
     * interface takes along in its signatures may be in several).
     */
    static Map<String, Set<String>> used(ApplicationModule module) {
        Map<String, Set<String>> used = new TreeMap<>();
        module.getDirectDependencies(MODULES).stream().forEach((ApplicationModuleDependency dependency) -> {
            ApplicationModule target = dependency.getTargetModule();
            var type = dependency.getTargetType();
            Set<String> faces = new TreeSet<>();
            for (NamedInterface face : target.getNamedInterfaces()) {
                if (face.contains(type)) {
                    faces.add(face.isUnnamed() ? name(target) : name(target) + "::" + face.getName());
                }
            }
            if (faces.isEmpty()) {
                faces.add(name(target)); // an open module (platform) exposes every type
            }
            used.computeIfAbsent(type.getFullName(), t -> new TreeSet<>()).addAll(faces);
        });
        return used;
    }

    static Map<String, Set<String>> documented() throws IOException {
        List<String> lines = Files.readAllLines(ARCHITECTURE);
        int section = lines.indexOf(SECTION);
        assertThat(section).as("section \"%s\" in %s", SECTION, ARCHITECTURE).isNotNegative();
        int start = lines.subList(section, lines.size()).indexOf(TABLE) + section;
        assertThat(start).as("table \"%s\" in that section", TABLE).isGreaterThan(section);
        Map<String, Set<String>> table = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 3 || !cells[1].trim().startsWith("`")) {
                continue;
            }
            Matcher module = FACE.matcher(cells[1]);
            assertThat(module.find()).as("module in %s", line).isTrue();
            Set<String> faces = new TreeSet<>();
            Matcher face = FACE.matcher(cells[2]);
            while (face.find()) {
                faces.add(face.group(1));
            }
            table.put(module.group(1), faces);
        }
        return table;
    }
}
