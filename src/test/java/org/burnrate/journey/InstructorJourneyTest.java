package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
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
 * An instructor's journey in a real browser (Debian's Chromium, headless): create a group, import
 * five students from a CSV file, change one allocation, and watch the group's budget bar follow.
 * Screenshots land in {@code target/screenshots/instructor-*.png}.
 */
@WebTest
@ExtendWith(ChromiumAvailability.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstructorJourneyTest {

    static final String INSTRUCTOR = "maria.lopez@northfield.test";
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
    void instructorCreatesAGroupImportsFiveStudentsAndChangesAnAllocation() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try {
            journey();
        } catch (AssertionError | RuntimeException e) {
            screenshot("instructor-failure.png");
            Files.writeString(SCREENSHOTS.resolve("instructor-failure.html"), page.content());
            System.err.println("Instructor journey failed at " + page.url() + "; redirects and errors seen:");
            browserErrors.forEach(line -> System.err.println("  " + line));
            throw e;
        }
    }

    private void journey() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String groupName = "Journey " + tag;
        page.navigate("http://localhost:" + port + "/login");
        Locator signIn = signInButton();
        assertThat(signIn).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        field("Email", "input[name=username]").fill(INSTRUCTOR);
        field("Password", "input[name=password]").fill(PASSWORD);
        signIn.click();

        Locator myGroups = navItem("My groups");
        assertThat(myGroups).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        myGroups.click();
        assertThat(page).hasURL(Pattern.compile(".*/groups$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));

        // A new group of 1000 units, 100 per member.
        page.locator("#new-group").click();
        // Dialog content lives in the light DOM of vaadin-dialog; labels are unique while it is open.
        Locator name = page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true));
        assertThat(name).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        name.fill(groupName);
        page.getByLabel("Budget", new Page.GetByLabelOptions().setExact(true)).fill("1000");
        page.getByLabel("Default allocation per member", new Page.GetByLabelOptions().setExact(true)).fill("100");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();
        Locator card = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(groupName));
        assertThat(card).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        card.click();
        Locator legend = page.locator(".budget-bar-legend").first();
        assertThat(legend).containsText("allocated 0.0000", new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));

        // Import five students from a CSV file.
        Path csv = Files.createTempFile("roster", ".csv");
        var lines = new StringBuilder("email,displayName,allocation\n");
        for (int i = 1; i <= 5; i++) {
            lines.append("journey").append(i).append('-').append(tag).append("@northfield.test,Journey Student ")
                    .append(i).append(",\n");
        }
        Files.writeString(csv, lines);
        page.locator("#import-roster").click();
        Locator upload = page.locator("vaadin-upload");
        assertThat(upload).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        upload.locator("input[type=file]").setInputFiles(csv);
        assertThat(page.getByText("5 added, 0 skipped, 0 not imported."))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        screenshot("instructor-import.png");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close").setExact(true)).click();
        assertThat(legend).containsText("allocated 500.0000", new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));

        // Raise one allocation; the group's bar follows.
        Locator row = page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText("Change allocation")).first();
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change allocation")).click();
        Locator allocation = page.getByLabel("Allocation", new Page.GetByLabelOptions().setExact(true));
        assertThat(allocation).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        allocation.fill("150");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(legend).containsText("allocated 550.0000", new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        assertThat(legend).containsText("remaining 450.0000");
        screenshot("instructor-group.png");
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
