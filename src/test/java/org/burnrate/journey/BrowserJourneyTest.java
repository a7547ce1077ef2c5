package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.burnrate.support.WebTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * A system admin's journey in a real browser (Debian's Chromium, headless): sign in, see the
 * layout, open the people list, sign out. Screenshots land in {@code target/screenshots/}; when
 * a step fails, {@code journey-failure.png/.html} and the browser's errors are kept as well.
 */
@WebTest
@ExtendWith(ChromiumAvailability.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserJourneyTest {

    static final String ADMIN = "it.admin@northfield.test";
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

    @Test
    void adminSignsInSeesPeopleAndSignsOut() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try {
            journey();
        } catch (AssertionError | RuntimeException e) {
            screenshot("journey-failure.png");
            Files.writeString(SCREENSHOTS.resolve("journey-failure.html"), page.content());
            System.err.println("Browser journey failed at " + page.url() + "; redirects and errors seen:");
            browserErrors.forEach(line -> System.err.println("  " + line));
            throw e;
        }
    }

    private void journey() {
        // Not signed in: the portal sends the browser to the login view.
        page.navigate("http://localhost:" + port + "/");
        assertThat(page).hasURL(Pattern.compile(".*/login$"), new PageAssertions.HasURLOptions().setTimeout(FIRST_LOAD_MS));
        Locator signIn = signInButton();
        assertThat(signIn).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));

        field("Email", "input[name=username]").fill(ADMIN);
        field("Password", "input[name=password]").fill(PASSWORD);
        signIn.click();

        // The main layout: welcome heading, navigation with the admin-only "Users", user footer.
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Welcome to Burnrate")))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        Locator users = navItem("Users");
        assertThat(users).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        assertThat(navItem("Home")).isVisible();
        assertThat(navItem("Profile")).isVisible();
        assertThat(page.locator(".portal-user-name")).hasText(ADMIN);
        assertThat(page.locator("#sign-out")).isVisible();
        screenshot("journey-admin-home.png");

        users.click();
        assertThat(page).hasURL(Pattern.compile(".*/admin/users$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));
        assertThat(page.locator("vaadin-grid").getByText("Ada Okafor", new Locator.GetByTextOptions().setExact(true)))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        screenshot("journey-users.png");

        page.locator("#sign-out").click();
        assertThat(page).hasURL(Pattern.compile(".*/login$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));
        assertThat(signInButton()).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        screenshot("journey-signed-out.png");
    }

    private Locator signInButton() {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true));
    }

    private Locator navItem(String label) {
        return page.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText(label));
    }

    /** A login field by its label (getByLabel pierces shadow DOM), else by its input's name. */
    private Locator field(String label, String fallback) {
        Locator byLabel = page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
        return byLabel.count() == 1 ? byLabel : page.locator(fallback);
    }

    /**
     * Full page, once Vaadin's loading bar has faded out after the last server round trip (it
     * stays drawn, fading, for about 0.8 s after the response).
     */
    private void screenshot(String name) {
        page.waitForFunction("""
                () => { const bar = document.querySelector('.v-loading-indicator');
                        return !bar || getComputedStyle(bar).opacity === '0'; }""", null,
                new Page.WaitForFunctionOptions().setTimeout(STEP_MS));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
    }
}
