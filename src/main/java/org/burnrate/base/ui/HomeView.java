package org.burnrate.base.ui;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

/** Where everybody lands after signing in: what this portal can do for them, by role. */
@Route("")
@PageTitle("Home · Burnrate")
@Menu(title = "Home", order = 0, icon = "vaadin:home")
@PermitAll
public class HomeView extends Div {

    HomeView(AuthenticationContext authentication) {
        addClassName("portal-view");
        String name = authentication.getPrincipalName().orElse("");
        add(new H2("Welcome to Burnrate"), new Paragraph("Signed in as " + name + "."));
        var next = new UnorderedList();
        if (authentication.hasRole("SYSTEM_ADMIN")) {
            next.add(new ListItem("Set the organization pool and appoint group admins with budgets under Budgets."));
            next.add(new ListItem("Manage who can sign in under Users; see every change in the Audit log."));
        }
        if (authentication.hasRole("GROUP_ADMIN")) {
            next.add(new ListItem("Create groups from your budget, add members or import a roster under My groups."));
        }
        next.add(new ListItem("See each of your group budgets, and how much is left, under My budgets."));
        next.add(new ListItem("Change your password and create API tokens for scripts on your Profile."));
        add(new Paragraph("What you can do here:"), next);
    }
}
