package org.burnrate.base.ui;

import jakarta.annotation.security.PermitAll;

import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The frame around every signed-in view. The navigation lists only the views the user's roles
 * allow: {@link MenuConfiguration} applies the same access rules as the router.
 */
@Layout
@PermitAll
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final AuthenticationContext authenticationContext;
    private final SideNav nav = new SideNav();
    private final H1 viewTitle = new H1();

    MainLayout(AuthenticationContext authenticationContext, ObjectProvider<NavbarItem> navbarItems) {
        this.authenticationContext = authenticationContext;
        setPrimarySection(Section.DRAWER);
        viewTitle.addClassName("portal-title");
        var navbarEnd = new Div();
        navbarEnd.addClassName("portal-navbar-end");
        navbarItems.orderedStream().forEach(item -> navbarEnd.add(item.create()));
        addToNavbar(new DrawerToggle(), viewTitle, navbarEnd);
        nav.setLabel("Main navigation");
        addToDrawer(brand(), new Scroller(nav), userFooter());
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        // Rebuilt on navigation, so a change of roles shows without a new session.
        nav.removeAll();
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(item(entry)));
        viewTitle.setText(MenuConfiguration.getPageHeader(getContent()).map(MainLayout::shortTitle).orElse(""));
    }

    /** Page titles read "Users · Burnrate"; the brand is already in the drawer. */
    private static String shortTitle(String pageTitle) {
        int separator = pageTitle.indexOf(" · ");
        return separator < 0 ? pageTitle : pageTitle.substring(0, separator);
    }

    private static Component brand() {
        var logo = VaadinIcon.FIRE.create();
        logo.addClassName("portal-logo");
        var name = new Span("Burnrate");
        name.addClassName("portal-brand-name");
        var brand = new Div(logo, name);
        brand.addClassName("portal-brand");
        return brand;
    }

    private Component userFooter() {
        var footer = new Div();
        footer.addClassName("portal-user");
        String name = authenticationContext.getPrincipalName().orElse("");
        var who = new Span(name);
        who.addClassName("portal-user-name");
        var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authenticationContext.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");
        footer.add(who, signOut);
        return footer;
    }

    private static SideNavItem item(MenuEntry entry) {
        return entry.icon() == null
                ? new SideNavItem(entry.title(), entry.path())
                : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
    }
}
