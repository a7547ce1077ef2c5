package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * An instructor's journey in a real browser: create a group, import five students from a CSV file,
 * change one allocation, and watch the group's budget bar follow.
 */
class InstructorJourneyTest extends BrowserJourney {

    static final String INSTRUCTOR = "maria.lopez@northfield.test";

    @Test
    void instructorCreatesAGroupImportsFiveStudentsAndChangesAnAllocation() throws Exception {
        journey("instructor", this::steps);
    }

    private void steps() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String groupName = "Journey " + tag;
        signInAs(INSTRUCTOR);

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
        // Names, addresses, figures and the action all fit beside the navigation, with nothing to scroll to.
        assertNoSidewaysScrolling(page.locator("#group-members"));
        screenshot("instructor-group.png");
    }

}
