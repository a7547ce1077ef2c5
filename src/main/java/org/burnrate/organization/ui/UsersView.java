package org.burnrate.organization.ui;

import java.time.Clock;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import org.burnrate.base.ui.Confirmation;
import org.burnrate.base.ui.Dates;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.UserService;
import org.burnrate.organization.UserSummary;
import org.burnrate.security.Roles;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;

/** System admins find, create, disable and re-enable the people who may sign in. */
@Route("admin/users")
@PageTitle("Users · Burnrate")
@Menu(title = "Users", order = 90, icon = "vaadin:users")
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class UsersView extends Div {

    private final UserService users;
    private final Clock clock;
    final TextField filter = new TextField();
    final Grid<UserSummary> grid = new Grid<>();

    UsersView(UserService users, Clock clock) {
        this.users = users;
        this.clock = clock;
        addClassName("portal-view");

        filter.setPlaceholder("Filter by name or email");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setWidth("22em");
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(change -> grid.getDataProvider().refreshAll());

        var create = new Button("New person", VaadinIcon.PLUS.create(), click -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-person");

        var toolbar = new HorizontalLayout(filter, create);
        toolbar.addClassName("portal-toolbar");
        toolbar.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);

        grid.addColumn(UserSummary::displayName).setHeader("Name").setSortProperty("displayName").setAutoWidth(true);
        grid.addColumn(UserSummary::email).setHeader("Email").setSortProperty("email").setAutoWidth(true);
        grid.addColumn(user -> user.roles().isEmpty() ? "—"
                : user.roles().stream().map(GlobalRole::label).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles");
        grid.addComponentColumn(this::status).setHeader("Status");
        grid.addColumn(user -> Dates.day(user.createdAt())).setHeader("Created")
                .setSortProperty("createdAt");
        grid.addComponentColumn(this::actions).setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("Nobody matches this filter. Clear it, or create a person with 'New person'.");
        grid.setItems(query -> users.search(filter.getValue(), VaadinSpringDataHelpers.toSpringPageRequest(query))
                .stream());
        grid.setSizeFull();

        add(toolbar, grid);
    }

    private Component status(UserSummary user) {
        String text;
        String theme;
        if (!user.enabled()) {
            text = "Disabled";
            theme = "badge error";
        } else if (user.lockedAt(clock.instant())) {
            text = "Locked";
            theme = "badge contrast";
        } else if (!user.hasPassword()) {
            text = "No password";
            theme = "badge contrast";
        } else {
            text = "Active";
            theme = "badge success";
        }
        var badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }

    private Component actions(UserSummary user) {
        var layout = new HorizontalLayout();
        layout.setSpacing(false);
        if (user.enabled()) {
            var disable = new Button("Disable", click -> confirmDisable(user));
            disable.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            layout.add(disable);
        } else {
            var enable = new Button("Re-enable", click -> {
                users.enable(user.id());
                done(user.displayName() + " can sign in again.");
            });
            enable.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            layout.add(enable);
        }
        if (user.enabled() && user.lockedAt(clock.instant())) {
            var unlock = new Button("Unlock", click -> {
                users.unlock(user.id());
                done(user.displayName() + " is unlocked.");
            });
            unlock.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            layout.add(unlock);
        }
        return layout;
    }

    private void confirmDisable(UserSummary user) {
        Confirmation.openDestructive("Disable " + user.displayName() + "?",
                user.email() + " will no longer be able to sign in, and their API tokens stop working. "
                    + "Nothing they own is deleted; you can re-enable the account at any time.",
                "Disable", () -> {
            users.disable(user.id());
            done(user.displayName() + " is disabled.");
        });
    }

    private void openCreateDialog() {
        var form = new NewPersonDialog(request -> {
            var created = users.create(request);
            done(created.displayName() + " was created.");
        });
        form.open();
    }

    private void done(String message) {
        grid.getDataProvider().refreshAll();
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
