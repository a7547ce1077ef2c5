package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * A student's journey in a real browser: open the catalog of their class, read the quote for a VM,
 * provision it, see it running under My resources, and stop it.
 */
class StudentJourneyTest extends BrowserJourney {

    static final String STUDENT = "dev.patel@northfield.test";

    @Test
    void studentReadsTheQuoteProvisionsAVmAndStopsIt() throws Exception {
        journey("student", this::steps);
    }

    private void steps() throws Exception {
        String name = "journey-vm-" + UUID.randomUUID().toString().substring(0, 6);
        signInAs(STUDENT);

        Locator catalog = navItem("Catalog");
        assertThat(catalog).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        catalog.click();
        assertThat(page).hasURL(Pattern.compile(".*/catalog(/\\d+)?$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));

        // The VM's card, with its rate, and the quote before anything is held.
        Locator card = page.locator("vaadin-card").filter(new Locator.FilterOptions().setHasText("Ubuntu VM (2 vCPU)"));
        assertThat(card).containsText("40.0000 units / h, charged per started 1 min",
                new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Provision…")).click();
        Locator summary = page.locator(".provision-summary");
        assertThat(summary).containsText("Starting holds the first span: 0.6667 units (0.03 EUR).",
                new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        assertThat(page.getByText("2 h 30 min").first()).isVisible();
        screenshot("student-quote.png");

        Locator nameField = page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true));
        nameField.fill(name);
        page.locator("#confirm-provision").click();

        // Now under My resources, running, and stopped again.
        assertThat(page).hasURL(Pattern.compile(".*/resources$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));
        Locator grid = page.locator("#my-resources");
        assertThat(grid).containsText(name, new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        assertThat(grid).containsText("Running");
        screenshot("student-running.png");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop").setExact(true)).first().click();
        assertThat(page.getByText("'" + name + "' is stopped.")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        assertThat(grid).containsText("Stopped", new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        // It ran: its first minute is owed in full.
        assertThat(grid).containsText("0.6667 units");
        screenshot("student-stopped.png");
    }
}
