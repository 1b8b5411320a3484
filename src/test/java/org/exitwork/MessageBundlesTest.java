package org.exitwork;

import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.exitwork.accounts.Role;
import org.exitwork.platform.MessageBundles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.MessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text exists in both languages, and every text a page or controller asks for exists. A
 * missing key shows up in the browser as {@code ??key_en??}; this test finds it first.
 */
class MessageBundlesTest {

    static final Path BUNDLES = Path.of("src/main/resources/i18n");
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Path SOURCES = Path.of("src/main/java");

    /** A literal key: {@code #{some.key}} or {@code #{some.key(${arg})}}; dynamic keys start with ' or $. */
    static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)\\s*[}(]");
    static final Pattern ANY_MESSAGE_EXPRESSION = Pattern.compile("#\\{");

    @Test
    void everyBundleHasTheSameKeysInEnglishAndGerman() throws IOException {
        List<String> names = bundleNames();
        assertThat(names).as("bundles in " + BUNDLES).contains("common", "accounts", "cases", "audit");
        for (String name : names) {
            Path german = BUNDLES.resolve(name + "_de.properties");
            assertThat(german).as("German bundle for " + name).exists();
            Set<String> en = load(BUNDLES.resolve(name + ".properties")).keySet();
            Set<String> de = load(german).keySet();
            assertThat(en).as(name + ": keys only in German").containsAll(de);
            assertThat(de).as(name + ": keys missing in German").containsAll(en);
        }
    }

    @Test
    void noBundleIsWithoutItsEnglishOriginal() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties")).forEach(n -> {
                String base = n.replaceAll("(_[a-z]{2})?\\.properties$", "");
                assertThat(BUNDLES.resolve(base + ".properties")).as("English bundle for " + n).exists();
                assertThat(n).as("only English and German are offered").matches(".*?(_de)?\\.properties");
            });
        }
    }

    @Test
    void germanAndEnglishTextsTakeTheSameArguments() throws IOException {
        Pattern argument = Pattern.compile("\\{(\\d+)\\}");
        for (String name : bundleNames()) {
            Map<String, String> en = load(BUNDLES.resolve(name + ".properties"));
            Map<String, String> de = load(BUNDLES.resolve(name + "_de.properties"));
            for (Map.Entry<String, String> e : en.entrySet()) {
                if (!de.containsKey(e.getKey())) {
                    continue; // reported by everyBundleHasTheSameKeysInEnglishAndGerman
                }
                assertThat(arguments(argument, de.get(e.getKey())))
                        .as(name + ": arguments of " + e.getKey())
                        .isEqualTo(arguments(argument, e.getValue()));
                assertThat(e.getValue()).as(name + ": " + e.getKey() + " in English").isNotBlank();
                assertThat(de.get(e.getKey())).as(name + ": " + e.getKey() + " in German").isNotBlank();
            }
        }
    }

    /**
     * A text with arguments goes through MessageFormat, where a single apostrophe starts a quote: the
     * rest of the text, its arguments with it, would be shown as written ("{0}") and the apostrophe lost.
     * Such a text writes it twice ('').
     */
    @Test
    void everyArgumentOfATextIsFilledIn() throws IOException {
        Pattern argument = Pattern.compile("\\{(\\d+)\\}");
        for (String name : bundleNames()) {
            for (String file : List.of(name + ".properties", name + "_de.properties")) {
                for (Map.Entry<String, String> e : load(BUNDLES.resolve(file)).entrySet()) {
                    List<Integer> numbers = arguments(argument, e.getValue()).stream().map(Integer::valueOf).toList();
                    if (numbers.isEmpty()) {
                        continue;
                    }
                    // Numbers, since some texts format an argument as one ({0,number}, {0,choice,...}).
                    Object[] values = new Object[10];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = 901 + i;
                    }
                    String shown = new java.text.MessageFormat(e.getValue(), Locale.ENGLISH).format(values);
                    for (int n : numbers) {
                        assertThat(shown).as(file + ": " + e.getKey() + " shows its argument " + n)
                                .contains(Integer.toString(901 + n));
                    }
                }
            }
        }
    }

    @Test
    void everyKeyUsedInATemplateExists() throws IOException {
        Map<String, String> english = english();
        Map<String, Set<String>> used = new TreeMap<>();
        int expressions = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path template : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(template, StandardCharsets.UTF_8);
                Matcher any = ANY_MESSAGE_EXPRESSION.matcher(html);
                while (any.find()) {
                    expressions++;
                }
                Matcher key = TEMPLATE_KEY.matcher(html);
                while (key.find()) {
                    used.computeIfAbsent(key.group(1), k -> new TreeSet<>()).add(TEMPLATES.relativize(template).toString());
                }
            }
        }
        assertThat(used).as("the scan finds the keys it should").containsKeys("sign-in.title", "layout.signed-in-as",
                "case.restricted", "error.404");
        assertThat(used.size()).as("most message expressions are literal keys").isGreaterThan(expressions / 2);

        Map<String, Set<String>> missing = new TreeMap<>(used);
        missing.keySet().removeAll(english.keySet());
        assertThat(missing).as("keys used in templates (with the templates) but missing in the English bundles")
                .isEmpty();
    }

    /** Keys chosen in Java and shown by a template: rejected fields, notices and problems. */
    @Test
    void everyKeyAControllerHandsToAPageExists() throws IOException {
        Map<String, String> english = english();
        Pattern rejectValue = Pattern.compile("rejectValue\\(\\s*\"[^\"]*\"\\s*,\\s*\"([^\"]+)\"");
        Pattern flash = Pattern.compile("addFlashAttribute\\(\\s*\"(?:notice|problem)\"\\s*,([^;]*)\\);");
        Pattern literal = Pattern.compile("\"([^\"]+)\"");
        Pattern refused = Pattern.compile("new \\w+Refused\\(\\s*\"([^\"]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String java = Files.readString(source, StandardCharsets.UTF_8);
                Matcher m = rejectValue.matcher(java);
                while (m.find()) {
                    used.add(m.group(1));
                }
                Matcher r = refused.matcher(java);
                while (r.find()) {
                    used.add(r.group(1));
                }
                Matcher f = flash.matcher(java);
                while (f.find()) {
                    Matcher l = literal.matcher(f.group(1));
                    while (l.find()) {
                        used.add(l.group(1));
                    }
                }
            }
        }
        assertThat(used).as("the scan finds the keys it should").contains("password.repeat.differs",
                "staff.notice.deactivated", "staff.notice.reactivated", "intake.notice.taken-on",
                "intake.refused.no-safety-discussion", "ending.refused.closing-date");
        assertThat(english.keySet()).as("keys used in controllers but missing in the English bundles")
                .containsAll(used);
    }

    /** The application's message source finds every bundle in i18n/ without a list of names. */
    @Test
    void theMessageSourceFindsEveryBundle() throws IOException {
        assertThat(MessageBundles.baseNames(new PathMatchingResourcePatternResolver()))
                .containsExactlyElementsOf(bundleNames().stream().map(name -> "i18n/" + name).toList())
                .hasSize(28);
    }

    @Test
    void everyKeyResolvesInBothLanguages() throws IOException {
        MessageSource messages = MessageBundles.messageSource(new PathMatchingResourcePatternResolver());
        int keys = 0;
        for (String name : bundleNames()) {
            for (Map.Entry<String, String> e : load(BUNDLES.resolve(name + ".properties")).entrySet()) {
                assertThat(messages.getMessage(e.getKey(), null, Locale.ENGLISH))
                        .as(name + ": " + e.getKey() + " in English").isEqualTo(e.getValue());
                keys++;
            }
            for (Map.Entry<String, String> e : load(BUNDLES.resolve(name + "_de.properties")).entrySet()) {
                assertThat(messages.getMessage(e.getKey(), null, Locale.GERMAN))
                        .as(name + ": " + e.getKey() + " in German").isEqualTo(e.getValue());
            }
        }
        assertThat(keys).as("keys checked").isGreaterThan(500);
    }

    /** A module that adds a bundle only puts its files into i18n/; nothing else names it. */
    @Test
    void aBundleAddedToI18nIsPickedUp(@TempDir Path classes) throws IOException {
        Files.createDirectories(classes.resolve("i18n"));
        Files.writeString(classes.resolve("i18n/newcomer.properties"), "newcomer.welcome=Welcome to the room\n");
        Files.writeString(classes.resolve("i18n/newcomer_de.properties"), "newcomer.welcome=Willkommen im Raum\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver(loader);
            assertThat(MessageBundles.baseNames(resources)).contains("i18n/newcomer", "i18n/cases", "i18n/common")
                    .doesNotContain("i18n/newcomer_de");
            MessageSource messages = MessageBundles.messageSource(resources);
            assertThat(messages.getMessage("newcomer.welcome", null, Locale.ENGLISH)).isEqualTo("Welcome to the room");
            assertThat(messages.getMessage("newcomer.welcome", null, Locale.GERMAN)).isEqualTo("Willkommen im Raum");
            assertThat(messages.getMessage("sign-in.title", null, Locale.ENGLISH))
                    .isEqualTo(english().get("sign-in.title"));
        }
        assertThat(MessageBundles.baseNames(new PathMatchingResourcePatternResolver()))
                .as("the application's own class path has no such bundle").doesNotContain("i18n/newcomer");
    }

    @Test
    void everyRoleHasAName() throws IOException {
        Map<String, String> english = english();
        for (Role role : Role.values()) {
            assertThat(english).as("name of role " + role).containsKey("role." + role.name());
        }
    }

    /** Every value of a vocabulary people choose from has a label (prefix = message key prefix). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "org.exitwork.cases.Pathway, pathway.",
            "org.exitwork.cases.PhenomenonArea, phenomenon.",
            "org.exitwork.cases.InformedHow, informed.",
            "org.exitwork.cases.internal.intake.ContactKind, contact.",
            "org.exitwork.cases.internal.access.Stage, stage.",
            "org.exitwork.cases.internal.ending.Closure, closure.",
            "org.exitwork.cases.internal.sessions.Theme, theme.",
            "org.exitwork.cases.internal.sessions.Setting, setting.",
            "org.exitwork.cases.internal.sessions.PlaceKind, place.",
            "org.exitwork.audit.ChainVerification$Kind, audit.finding."})
    void everyVocabularyValueHasALabel(String enumClass, String prefix) throws Exception {
        Map<String, String> english = english();
        Object[] values = Class.forName(enumClass).getEnumConstants();
        assertThat(values).as(enumClass).isNotEmpty();
        for (Object value : values) {
            assertThat(english).as("label of " + enumClass + "." + value).containsKey(prefix + ((Enum<?>) value).name());
        }
    }

    @Test
    void everyBreakTheGlassReasonHasAName() throws Exception {
        Map<String, String> english = english();
        Object[] reasons = Class.forName("org.exitwork.cases.internal.access.BreakGlassReason").getEnumConstants();
        assertThat(reasons).as("reasons").isNotEmpty();
        for (Object reason : reasons) {
            String name = ((Enum<?>) reason).name();
            assertThat(english).as("name of break-the-glass reason " + name)
                    .containsKey("break-glass.reason." + name);
        }
    }

    private static List<String> bundleNames() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties") && !n.matches(".*_[a-z]{2}\\.properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length()))
                    .sorted()
                    .toList();
        }
    }

    /** All English texts; a key defined in two bundles is an error (which one wins is luck). */
    private static Map<String, String> english() throws IOException {
        Map<String, String> all = new TreeMap<>();
        Map<String, String> definedIn = new TreeMap<>();
        for (String name : bundleNames()) {
            for (Map.Entry<String, String> e : load(BUNDLES.resolve(name + ".properties")).entrySet()) {
                String earlier = definedIn.putIfAbsent(e.getKey(), name);
                assertThat(earlier).as("key " + e.getKey() + " defined in " + earlier + " and " + name).isNull();
                all.put(e.getKey(), e.getValue());
            }
        }
        return all;
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> map = new TreeMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        return map;
    }

    private static Set<String> arguments(Pattern argument, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = argument.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
