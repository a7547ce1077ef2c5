package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.burnrate.support.WebTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * What every real-browser journey needs: Playwright with Debian's Chromium (headless), the portal
 * on a random port with demo data, a fresh browser context per test, screenshots under
 * {@code target/screenshots/}, and on failure a screenshot, the page's HTML and the browser's errors.
 */
@WebTest
@ExtendWith(ChromiumAvailability.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserJourney {

    static final String PASSWORD = "burnrate-demo";
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    /** Vaadin's first page load (bootstrap, theme, first server round trip) can be slow. */
    static final double FIRST_LOAD_MS = 30_000;
    static final double STEP_MS = 15_000;

    @LocalServerPort
    int port;

    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;
    final List<String> browserErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    void launch() {
        playwright = Playwright.create();
        try {
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(ChromiumAvailability.executable())
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-dev-shm-usage")));
        } catch (RuntimeException e) {
            playwright.close();
            playwright = null;
            throw e;
        }
    }

    @BeforeEach
    void openPage() {
        browserErrors.clear();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                browserErrors.add("console: " + message.text());
            }
        });
        page.onResponse(response -> {
            if (response.status() >= 300 && response.status() != 304) {
                browserErrors.add("HTTP " + response.status() + " " + response.url());
            }
        });
        page.onRequestFailed(request -> browserErrors.add("failed: " + request.url() + " " + request.failure()));
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @AfterAll
    void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (playwright != null) {
                playwright.close();
            }
        }
    }

    interface Steps {
        void run() throws Exception;
    }

    /** Runs the journey's steps; when one fails, keeps {@code <name>-failure.png/.html} and the browser's errors. */
    void journey(String name, Steps steps) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try {
            steps.run();
        } catch (AssertionError | RuntimeException e) {
            screenshot(name + "-failure.png");
            Files.writeString(SCREENSHOTS.resolve(name + "-failure.html"), page.content());
            System.err.println("Browser journey '" + name + "' failed at " + page.url() + "; redirects and errors seen:");
            browserErrors.forEach(line -> System.err.println("  " + line));
            throw e;
        }
    }

    /**
     * The row's action lies within the grid's width, not in a part of the row scrolled out of
     * sight to the right (the grid may be taller than the page: only the horizontal extent counts).
     */
    static void assertInsideHorizontally(Locator action, Locator grid) {
        assertThat(action).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        var button = action.boundingBox();
        var table = grid.boundingBox();
        org.assertj.core.api.Assertions.assertThat(button.x + button.width)
                .as("the right edge of %s against the grid's", action).isLessThanOrEqualTo(table.x + table.width);
        org.assertj.core.api.Assertions.assertThat(button.x).isGreaterThanOrEqualTo(table.x);
    }

    /** The grid shows all its columns within its width: nothing to scroll sideways to at the journeys' 1280 px. */
    static void assertNoSidewaysScrolling(Locator grid) {
        assertThat(grid).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        Number hidden = (Number) grid.evaluate("grid => grid.$.table.scrollWidth - grid.$.table.clientWidth");
        org.assertj.core.api.Assertions.assertThat(hidden.intValue()).as("pixels of %s hidden to the side", grid)
                .isLessThanOrEqualTo(0);
    }

    /** Opens the login page and signs in with the demo password. */
    void signInAs(String email) {
        page.navigate("http://localhost:" + port + "/login");
        Locator signIn = signInButton();
        assertThat(signIn).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        field("Email", "input[name=username]").fill(email);
        field("Password", "input[name=password]").fill(PASSWORD);
        signIn.click();
    }

    Locator signInButton() {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true));
    }

    Locator navItem(String label) {
        return page.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText(label));
    }

    /** A login field by its label (getByLabel pierces shadow DOM), else by its input's name. */
    Locator field(String label, String fallback) {
        Locator byLabel = page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
        return byLabel.count() == 1 ? byLabel : page.locator(fallback);
    }

    /**
     * Full page, once Vaadin's loading bar has faded out after the last server round trip (it
     * stays drawn, fading, for about 0.8 s after the response).
     */
    void screenshot(String name) {
        page.waitForFunction("""
                () => { const bar = document.querySelector('.v-loading-indicator');
                        return !bar || getComputedStyle(bar).opacity === '0'; }""", null,
                new Page.WaitForFunctionOptions().setTimeout(STEP_MS));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
    }
}
