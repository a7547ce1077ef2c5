package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import org.burnrate.metering.MeteringService;
import org.burnrate.security.SystemActor;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * The debit job as its users see it, in a real browser: a student's VM runs for ten minutes of
 * the portal's clock, the system admin runs the job from the metering view, the student reads the
 * VM's debit lines and its cost so far, the group admin sees the group's burn, and when the student
 * has used half of her allocation the bell in the layout tells her.
 * The student is Farah Haddad, whom no other test signs in as: the simulated hour and more the
 * journey runs would otherwise also burn whatever another test left running on her allocation.
 */
class MeteringJourneyTest extends BrowserJourney {

    static final String STUDENT = "farah.haddad@northfield.test";
    static final String SYSTEM_ADMIN = "it.admin@northfield.test";
    static final String GROUP_ADMIN = "maria.lopez@northfield.test";

    @Autowired
    TestClock clock;

    @Autowired
    MeteringService metering;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRunningVmIsDebitedByARunOnDemandAndItsCostsAreShownToEveryLevel() throws Exception {
        journey("metering", this::steps);
    }

    private void steps() throws Exception {
        String name = "metered-vm-" + UUID.randomUUID().toString().substring(0, 6);
        signInAs(STUDENT);
        Locator catalog = navItem("Catalog");
        assertThat(catalog).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        catalog.click();
        Locator card = page.locator("vaadin-card").filter(new Locator.FilterOptions().setHasText("Ubuntu VM (2 vCPU)"));
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Provision…")).click(
                new Locator.ClickOptions().setTimeout(STEP_MS));
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.locator("#confirm-provision").click();
        assertThat(page).hasURL(Pattern.compile(".*/resources$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));
        Locator grid = page.locator("#my-resources");
        assertThat(grid).containsText(name, new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        // Other tests share this portal: the VM's own cells are found by its id.
        long id = jdbc.queryForObject("select id from cloud_resource where name = ?", Long.class, name);
        Locator cost = page.locator("#costs-" + id);
        Locator delete = page.locator("#delete-" + id);

        // Ten minutes later by the portal's clock, the system admin runs the debit job on demand:
        // ten started minutes at 40 units/h, one line each.
        clock.advance(Duration.ofMinutes(10));
        signOutAndInAs(SYSTEM_ADMIN);
        Locator meteringItem = navItem("Metering");
        assertThat(meteringItem).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        meteringItem.click();
        assertThat(page.getByText(Pattern.compile("^(1 resource may still owe something: it is running, or it stopped "
                + "and was not metered since|\\d+ resources may still owe something: they are running, or they stopped and "
                + "were not metered since)\\.$"))).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run now").setExact(true)).click(
                new Locator.ClickOptions().setTimeout(STEP_MS));
        assertThat(page.getByText(Pattern.compile("^Wrote \\d+ lines? for \\d+ resources? in \\d+ ms$"))).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        assertThat(page.locator("vaadin-grid")).containsText("view", new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        screenshot("metering-run.png");

        // The student sees the cost so far, with the row's actions in view, and each minute's line.
        signOutAndInAs(STUDENT);
        navItem("My resources").click(new Locator.ClickOptions().setTimeout(FIRST_LOAD_MS));
        assertThat(cost).hasText("6.6667 units (0.33 EUR)", new LocatorAssertions.HasTextOptions().setTimeout(STEP_MS));
        assertInsideHorizontally(delete, grid);
        screenshot("metering-my-resources.png");
        cost.click();
        assertThat(page.getByText("Cost so far 6.6667 units (0.33 EUR)", new Page.GetByTextOptions().setExact(false)))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        Locator lines = page.locator("#resource-lines");
        assertThat(lines.getByText("Debit", new Locator.GetByTextOptions().setExact(true))).hasCount(10,
                new LocatorAssertions.HasCountOptions().setTimeout(STEP_MS));
        screenshot("metering-costs.png");

        // The group admin sees the same debits as the group's burn, under the student's name.
        signOutAndInAs(GROUP_ADMIN);
        navItem("My groups").click(new Locator.ClickOptions().setTimeout(FIRST_LOAD_MS));
        page.getByText("CS101 Cloud Fundamentals", new Page.GetByTextOptions().setExact(true)).click(
                new Locator.ClickOptions().setTimeout(STEP_MS));
        page.locator("#group-resources-link").click(new Locator.ClickOptions().setTimeout(STEP_MS));
        Locator groupResources = page.locator("#group-resources");
        assertThat(groupResources).containsText("Farah Haddad", new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        assertThat(cost).hasText("6.6667 units (0.33 EUR)");
        assertInsideHorizontally(delete, groupResources);
        screenshot("metering-group-resources.png");
        page.locator("#group-burn-link").click(new Locator.ClickOptions().setTimeout(STEP_MS));
        Locator byMember = page.locator("#burn-by-member");
        assertThat(byMember).containsText("Farah Haddad", new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        assertThat(page.locator("#burn-by-template")).containsText("Ubuntu VM (2 vCPU)");
        // The range's fields write dates as the summary above the grids does, not as the browser's language would.
        Locator fromInput = page.locator("#burn-from input");
        assertThat(fromInput).hasValue(Pattern.compile("\\d{4}-\\d{2}-\\d{2}"));
        String shownFrom = fromInput.inputValue();
        assertThat(page.locator("#burn-summary")).containsText("from " + shownFrom + " to "
                + page.locator("#burn-to input").inputValue() + ":");
        screenshot("metering-group-burn.png");

        // Seventy minutes on, the next run takes her past half of her 100 units: the bell tells her.
        clock.advance(Duration.ofMinutes(70));
        SystemActor.call(() -> metering.run("journey"));
        signOutAndInAs(STUDENT);
        Locator bell = page.locator("#notification-bell");
        assertThat(bell).hasAttribute("aria-label", Pattern.compile("Notifications, \\d+ unread"),
                new LocatorAssertions.HasAttributeOptions().setTimeout(FIRST_LOAD_MS));
        bell.click();
        assertThat(page).hasURL(Pattern.compile(".*/notifications$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));
        assertThat(page.locator("vaadin-grid")).containsText("Your allocation in 'CS101 Cloud Fundamentals' is 50% used",
                new LocatorAssertions.ContainsTextOptions().setTimeout(STEP_MS));
        screenshot("metering-notifications.png");

        // She stops it; what it cost stays on record.
        navItem("My resources").click();
        page.locator("#stop-" + id).click(new Locator.ClickOptions().setTimeout(STEP_MS));
        assertThat(page.getByText("'" + name + "' is stopped.")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(STEP_MS));
        assertThat(cost).hasText("53.3333 units (2.67 EUR)", new LocatorAssertions.HasTextOptions().setTimeout(STEP_MS));
    }

    private void signOutAndInAs(String email) {
        context.clearCookies();
        signInAs(email);
    }
}
