package org.burnrate.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;

/** A system admin's journey in a real browser: sign in, see the layout, open the people list, sign out. */
class BrowserJourneyTest extends BrowserJourney {

    static final String ADMIN = "it.admin@northfield.test";

    @Test
    void adminSignsInSeesPeopleAndSignsOut() throws Exception {
        journey("journey", this::steps);
    }

    private void steps() {
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

}
