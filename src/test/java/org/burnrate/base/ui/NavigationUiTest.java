package org.burnrate.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.ui.UsersView;
import org.burnrate.security.ui.LoginView;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;

class NavigationUiTest extends UiTest {

    @Test
    void anonymousVisitorsAreSentToTheLoginView() {
        UI.getCurrent().navigate("");

        assertThat(_find(LoginView.class)).hasSize(1);
        assertThat(_find(MainLayout.class)).isEmpty();
    }

    @Test
    void aSystemAdminSeesTheAdministrationEntriesInTheNavigation() {
        signInAs(newPerson("admin", Set.of(GlobalRole.SYSTEM_ADMIN)));

        UI.getCurrent().navigate("");

        assertThat(_find(HomeView.class)).hasSize(1);
        assertThat(navigationLabels()).containsExactly("Home", "My groups", "My budgets", "My resources", "Catalog",
                "Budgets", "Templates", "Users", "Audit log", "Metering", "Settings", "Notifications", "Profile");
    }

    @Test
    void aStudentSeesTheirBudgetsButNeitherTheUsersEntryNorTheViewItself() {
        signInAs(newPerson("student", Set.of()));

        UI.getCurrent().navigate("");
        assertThat(navigationLabels()).containsExactly("Home", "My budgets", "My resources", "Catalog", "Notifications",
                "Profile");

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/users"))
                .hasMessageContaining("Access is denied");
        assertThat(_find(UsersView.class)).isEmpty();
    }

    @Test
    void theHomeViewLinksEachRoleToWhereItsWorkIsDoneAndEveryLinkLeadsToAView() {
        signInAs(newPerson("admin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        UI.getCurrent().navigate("");

        assertThat(homeLinks()).containsExactly("admin/settings", "admin/templates", "admin/budgets", "admin/users",
                "admin/audit", "admin/metering", "catalog", "resources", "budgets", "notifications", "profile");
        for (String route : homeLinks()) {
            UI.getCurrent().navigate(route);
            assertThat(UI.getCurrent().getActiveViewLocation().getPath()).isEqualTo(route);
            UI.getCurrent().navigate("");
        }

        signInAs(newPerson("student", Set.of()));
        UI.getCurrent().navigate("profile");
        UI.getCurrent().navigate("");
        assertThat(homeLinks()).containsExactly("catalog", "resources", "budgets", "notifications", "profile");
    }

    private static java.util.List<String> homeLinks() {
        return _get(HomeView.class).next.getChildren()
                .flatMap(item -> item.getChildren().filter(Anchor.class::isInstance).map(Anchor.class::cast))
                .map(Anchor::getHref).toList();
    }

    private static java.util.List<String> navigationLabels() {
        return _get(SideNav.class).getItems().stream().map(SideNavItem::getLabel).toList();
    }
}
