package org.exitwork.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the browser tests only where a Chromium is installed: {@code /usr/bin/chromium}, or the
 * executable that the environment variable {@code EXITWORK_CHROMIUM} names. Playwright never
 * downloads a browser of its own here. Without one the suite is skipped loudly (see
 * {@link SkippedSuites}), or fails when {@code EXITWORK_REQUIRE_BROWSER=1}.
 */
public class BrowserAvailable implements ExecutionCondition {

    public static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";

    /** The Chromium executable the browser tests drive. */
    public static Path chromium() {
        String configured = System.getenv("EXITWORK_CHROMIUM");
        return Paths.get(configured != null && !configured.isBlank() ? configured : DEFAULT_CHROMIUM);
    }

    static String problem() {
        Path chromium = chromium();
        if (!Files.isRegularFile(chromium)) {
            return "no Chromium at " + chromium + " (set EXITWORK_CHROMIUM to its path)";
        }
        if (!Files.isExecutable(chromium)) {
            return "Chromium at " + chromium + " is not executable";
        }
        return null;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = problem();
        if (problem == null) {
            return ConditionEvaluationResult.enabled("Chromium at " + chromium());
        }
        if ("1".equals(System.getenv("EXITWORK_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("EXITWORK_REQUIRE_BROWSER=1 but " + problem);
        }
        SkippedSuites.skipped("Browser suite", problem);
        return ConditionEvaluationResult.disabled("SKIPPED browser test: " + problem);
    }
}
