package org.burnrate.journey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Browser tests need Debian's Chromium at {@value #PATH} (Playwright never downloads browsers
 * here). Without it they are skipped loudly, or failed instead when {@code CI=true}.
 */
public final class ChromiumAvailability implements ExecutionCondition {

    static final String PATH = "/usr/bin/chromium";
    static final String INSTALL = "apt-get update && apt-get install -y --no-install-recommends chromium";

    static Path executable() {
        return Paths.get(PATH);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(executable())) {
            return ConditionEvaluationResult.enabled("Chromium found at " + PATH);
        }
        String message = "Chromium is not installed at " + PATH;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": CI=true, so browser tests fail instead of skipping.");
        }
        System.err.println("""

                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                !! SKIPPING BROWSER TESTS: %s
                !! Playwright uses Debian's Chromium and never downloads a browser.
                !! Install it with:
                !!   %s
                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                """.formatted(message, INSTALL));
        return ConditionEvaluationResult.disabled(message + "; install it with: " + INSTALL);
    }
}
