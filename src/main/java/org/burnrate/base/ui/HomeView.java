package org.burnrate.base.ui;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * Where everybody lands after signing in: what this portal can do for them, by role, each with a
 * link to where it is done. A system admin's list follows the order a new portal is set up in: the
 * currency and the unit's worth, the templates, the budgets, the people.
 */
@Route("")
@PageTitle("Home · Burnrate")
@Menu(title = "Home", order = 0, icon = "vaadin:home")
@PermitAll
public class HomeView extends Div {

    final UnorderedList next = new UnorderedList();

    HomeView(AuthenticationContext authentication) {
        addClassName("portal-view");
        String name = authentication.getPrincipalName().orElse("");
        add(new H2("Welcome to Burnrate"), new Paragraph("Signed in as " + name + "."));
        if (authentication.hasRole("SYSTEM_ADMIN")) {
            item("Set the currency and what one consumption unit is worth under", "Settings", "admin/settings");
            item("Define resource templates and their burn rates under", "Templates", "admin/templates");
            item("Set the organization pool and give group admins their budgets under", "Budgets", "admin/budgets");
            item("Manage who can sign in under", "Users", "admin/users");
            item("See every change in the", "Audit log", "admin/audit");
            item("Watch the debit job, and run it on demand, under", "Metering", "admin/metering");
        }
        if (authentication.hasRole("GROUP_ADMIN")) {
            item("Create groups from your budget, add members or import a roster, and see what they burn, under",
                    "My groups", "groups");
        }
        item("Provision resources from your groups' templates, and see how long your budget lasts, in the",
                "Catalog", "catalog");
        item("Start and stop your resources, and see what each has cost so far, under", "My resources",
                "resources");
        item("See each of your budgets, and how much is left, under", "My budgets", "budgets");
        item("Read budget warnings and notices under", "Notifications", "notifications");
        item("Change your password and create API tokens for scripts on your", "Profile", "profile");
        add(new Paragraph("What you can do here:"), next);
    }

    private void item(String text, String where, String route) {
        next.add(new ListItem(new Text(text + " "), new Anchor(route, where),
                new Text(".")));
    }
}
