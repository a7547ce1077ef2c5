package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;

/**
 * Every view of the navigation, as each kind of user with the demo data, at a laptop's 1280 by 800:
 * no grid hides columns to the side, where its actions would need scrolling to find.
 */
class LayoutJourneyTest extends BrowserJourney {

    static final String SYSTEM_ADMIN = "it.admin@northfield.test";
    static final String GROUP_ADMIN = "maria.lopez@northfield.test";
    /** A student no other test signs in as (the API tests lock Tara out on purpose). */
    static final String STUDENT = "sami.laine@northfield.test";

    /** Vaadin's own test hook: true once no client is waiting for the server. */
    private static final String VAADIN_IDLE = """
            () => !!window.Vaadin && !!window.Vaadin.Flow && !!window.Vaadin.Flow.clients
                && Object.values(window.Vaadin.Flow.clients).every(client => !client.isActive || !client.isActive())""";

    private static final String GRIDS_HIDING = """
            () => Array.from(document.querySelectorAll('vaadin-grid'))
                .filter(grid => grid.offsetParent !== null)
                .map(grid => ({ id: grid.id || '(no id)', hidden: grid.$.table.scrollWidth - grid.$.table.clientWidth }))
                .filter(grid => grid.hidden > 0)
                .map(grid => grid.id + ' hides ' + grid.hidden + ' px')""";

    @Test
    void noViewHidesAGridsColumnsToTheSide() throws Exception {
        journey("layout", () -> {
            List<String> hidden = new ArrayList<>();
            hidden.addAll(visit(SYSTEM_ADMIN, List.of("groups", "budgets", "resources", "catalog", "admin/budgets",
                    "admin/templates", "admin/users", "admin/audit", "admin/metering", "admin/settings", "notifications",
                    "profile")));
            hidden.addAll(visit(GROUP_ADMIN, List.of("groups", "budgets", "resources", "catalog")));
            hidden.addAll(groupPages());
            hidden.addAll(visit(STUDENT, List.of("budgets", "resources", "catalog", "notifications", "profile")));
            org.assertj.core.api.Assertions.assertThat(hidden).as("grids with columns out of sight").isEmpty();
        });
    }

    /** Signs in as {@code email} and opens each navigation entry (by its path) in turn; answers what hides columns where. */
    private List<String> visit(String email, List<String> entries) {
        context.clearCookies();
        signInAs(email);
        assertThat(navItem("Home")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(FIRST_LOAD_MS));
        List<String> hidden = new ArrayList<>();
        for (String entry : entries) {
            String before = page.url();
            page.locator("vaadin-side-nav-item[path='" + entry + "']").click();
            page.waitForURL(url -> !url.equals(before), new Page.WaitForURLOptions().setTimeout(STEP_MS));
            hidden.addAll(hiddenColumns(email + " at " + entry));
        }
        return hidden;
    }

    /** The group admin's CS101: the group, its resources and its burn. */
    private List<String> groupPages() {
        List<String> hidden = new ArrayList<>();
        page.locator("vaadin-side-nav-item[path='groups']").click();
        page.waitForURL(Pattern.compile(".*/groups$"), new Page.WaitForURLOptions().setTimeout(STEP_MS));
        page.waitForFunction(VAADIN_IDLE, null, new Page.WaitForFunctionOptions().setTimeout(STEP_MS));
        page.getByText("CS101 Cloud Fundamentals", new Page.GetByTextOptions().setExact(true)).first().click(
                new Locator.ClickOptions().setTimeout(STEP_MS));
        assertThat(page).hasURL(Pattern.compile(".*/groups/\\d+$"), new PageAssertions.HasURLOptions().setTimeout(STEP_MS));
        hidden.addAll(hiddenColumns("group admin at a group"));
        // The group's resources, and from there its burn.
        page.locator("#group-resources-link").click(new Locator.ClickOptions().setTimeout(STEP_MS));
        page.waitForURL(Pattern.compile(".*/groups/\\d+/resources.*"), new Page.WaitForURLOptions().setTimeout(STEP_MS));
        hidden.addAll(hiddenColumns("group admin at a group's resources"));
        page.locator("#group-burn-link").click(new Locator.ClickOptions().setTimeout(STEP_MS));
        page.waitForURL(Pattern.compile(".*/groups/\\d+/burn$"), new Page.WaitForURLOptions().setTimeout(STEP_MS));
        hidden.addAll(hiddenColumns("group admin at a group's burn"));
        return hidden;
    }

    @SuppressWarnings("unchecked")
    private List<String> hiddenColumns(String where) {
        page.waitForFunction(VAADIN_IDLE, null, new Page.WaitForFunctionOptions().setTimeout(STEP_MS));
        screenshot("layout-" + where.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + ".png");
        return ((List<String>) page.evaluate(GRIDS_HIDING)).stream().map(grid -> where + ": " + grid).toList();
    }
}
