package org.burnrate.provisioning.ui;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;

import org.burnrate.budget.BudgetAccounts;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.catalog.UnitValue;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.security.CurrentUser;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

/**
 * What a group offers: its allowed templates with their rates. Provisioning opens the quote first.
 * Members provision for themselves; the group's admin provisions shared resources and hosting plans.
 */
@Route("catalog/:groupId?")
@PageTitle("Catalog · Burnrate")
@Menu(title = "Catalog", order = 25, icon = "vaadin:cart")
@PermitAll
public class CatalogView extends Div implements BeforeEnterObserver {

    static final String GROUP_ID = "groupId";

    final Select<GroupView> group = new Select<>();
    final Div cards = new Div();
    final Paragraph empty = new Paragraph();

    private final TemplateCatalog catalog;
    private final ProvisioningService provisioning;
    private final BudgetAccounts accounts;
    private final CurrentUser currentUser;
    private final Optional<UnitValue> unitValue;
    private final List<GroupView> groups;

    CatalogView(GroupService groupService, TemplateCatalog catalog, ProvisioningService provisioning,
            BudgetAccounts accounts, CurrencySettings currency, CurrentUser currentUser) {
        this.catalog = catalog;
        this.provisioning = provisioning;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.unitValue = currency.current();
        this.groups = groupService.visibleGroups();
        addClassName("portal-view");
        group.setLabel("Group");
        group.setItems(groups);
        group.setItemLabelGenerator(GroupView::name);
        group.setEmptySelectionAllowed(false);
        group.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                UI.getCurrent().navigate(CatalogView.class, new RouteParameters(GROUP_ID, String.valueOf(event.getValue().id())));
            }
        });
        cards.addClassName("portal-cards");
        empty.addClassName("portal-empty");
        add(group, empty, cards);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (groups.isEmpty()) {
            group.setVisible(false);
            showEmpty("You are not in any group yet, so there is nothing to provision. Your instructor adds you to a group.");
            return;
        }
        var wanted = event.getRouteParameters().get(GROUP_ID).flatMap(id -> groups.stream()
                .filter(g -> String.valueOf(g.id()).equals(id)).findFirst()).orElse(groups.getFirst());
        group.setValue(wanted);
        show(wanted);
    }

    private void show(GroupView selected) {
        cards.removeAll();
        var templates = catalog.allowedTemplates(selected.id()).stream().filter(TemplateView::enabled).toList();
        if (templates.isEmpty()) {
            showEmpty(isOwner(selected)
                    ? "This group offers no templates yet. Choose which ones its members may use on the group's resources page."
                    : "This group offers no templates yet. Your instructor chooses what the group may use.");
            return;
        }
        empty.setVisible(false);
        templates.forEach(template -> cards.add(card(selected, template)));
    }

    private void showEmpty(String text) {
        empty.setText(text);
        empty.setVisible(true);
    }

    private Component card(GroupView selected, TemplateView template) {
        var card = new Card();
        card.addClassName("portal-card");
        card.setTitle(template.name());
        card.setSubtitle(new Paragraph(kindText(template.kind())));
        card.add(new Paragraph(template.description()), new Paragraph(ResourceTexts.rate(template)));
        boolean member = accounts.isMember(selected.id(), currentUser.require().id());
        boolean owner = isOwner(selected);
        var provision = new Button(template.kind() == TemplateKind.CONTAINER ? "Provision for the group" : "Provision…");
        provision.setId("provision-" + template.id());
        provision.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        provision.setEnabled(template.currentRate() != null
                && (member || owner) && (template.kind() != TemplateKind.CONTAINER || owner));
        provision.addClickListener(click -> new ProvisionDialog(provisioning, selected.id(), template, owner, member,
                unitValue, this::provisioned).open());
        card.addToFooter(provision);
        return card;
    }

    private void provisioned(ResourceView created) {
        if (created.state() == ResourceState.FAILED) {
            Notification.show("'" + created.name() + "' could not be created: " + created.failure()
                    + " Nothing was charged.", 8000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        } else {
            Notification.show("'" + created.name() + "' is " + created.state().label().toLowerCase(java.util.Locale.ROOT)
                    + ".", 4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
        UI.getCurrent().navigate(created.shared() ? "groups/" + created.groupId() + "/resources" : "resources");
    }

    private boolean isOwner(GroupView selected) {
        return selected.ownerUserId() == currentUser.require().id();
    }

    private static String kindText(TemplateKind kind) {
        return switch (kind) {
            case STANDALONE -> "Resource";
            case CONTAINER -> "Hosting plan (shared, billed to the group admin)";
            case CHILD -> "App inside a hosting plan";
        };
    }
}
