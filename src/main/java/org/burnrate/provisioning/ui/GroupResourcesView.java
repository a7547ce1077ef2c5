package org.burnrate.provisioning.ui;

import java.util.HashSet;
import java.util.List;

import jakarta.annotation.security.PermitAll;

import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.budget.BudgetScopes;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateView;
import org.burnrate.provisioning.ProvisioningService;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

/**
 * A group's resources and templates. Its admin chooses the templates members may use and sees every
 * resource of the group, managing shared ones they own; members see their own and the shared ones.
 */
@Route("groups/:groupId/resources")
@PermitAll
public class GroupResourcesView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    final Paragraph notFound = new Paragraph("This group does not exist, or it is not one of yours.");
    final CheckboxGroup<TemplateView> allowed = new CheckboxGroup<>("Templates the group's members may use");
    final Button saveAllowed = new Button("Save templates");
    final Div templatesSection = new Div();
    final Paragraph intro = new Paragraph();
    private final Div resourcesSection = new Div();
    private final Div toolbar = new Div();
    private @Nullable ResourceGrid grid;

    private final GroupService groups;
    private final BudgetScopes scopes;
    private final TemplateCatalog catalog;
    private final ProvisioningService provisioning;
    private final CurrencySettings currency;
    private @Nullable GroupView group;

    GroupResourcesView(GroupService groups, BudgetScopes scopes, TemplateCatalog catalog,
            ProvisioningService provisioning, CurrencySettings currency) {
        this.groups = groups;
        this.scopes = scopes;
        this.catalog = catalog;
        this.provisioning = provisioning;
        this.currency = currency;
        addClassName("portal-view");
        notFound.addClassName("portal-empty");
        notFound.setVisible(false);
        allowed.setItemLabelGenerator(t -> t.name() + " · " + ResourceTexts.rate(t));
        allowed.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        saveAllowed.setId("save-allowed-templates");
        saveAllowed.addClickListener(click -> saveAllowed());
        templatesSection.add(new H3("Templates"), allowed, saveAllowed);
        templatesSection.addClassName("portal-section");
        resourcesSection.addClassNames("portal-section", "portal-section-wide");
        add(notFound, intro, templatesSection, resourcesSection);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            long groupId = Long.parseLong(event.getRouteParameters().get("groupId").orElse(""));
            group = groups.get(groupId);
        } catch (NumberFormatException | NotFoundException e) {
            group = null;
            notFound.setVisible(true);
            intro.setVisible(false);
            templatesSection.setVisible(false);
            resourcesSection.setVisible(false);
            return;
        }
        show(group);
    }

    @Override
    public String getPageTitle() {
        return (group == null ? "Group not found" : group.name() + ": resources") + " · Burnrate";
    }

    private void show(GroupView current) {
        boolean canEdit = scopes.canEditGroup(current.id());
        intro.removeAll();
        intro.add(new RouterLink("Catalog of " + current.name(), CatalogView.class,
                new RouteParameters(CatalogView.GROUP_ID, String.valueOf(current.id()))));
        intro.add(new com.vaadin.flow.component.html.Span(" · "), new Anchor("groups/" + current.id(), "Group page"));
        if (canEdit) {
            intro.add(new com.vaadin.flow.component.html.Span(" · "), GroupBurnView.link(current.id()));
        }

        templatesSection.setVisible(canEdit);
        if (canEdit) {
            List<TemplateView> choices = catalog.templates();
            var chosen = catalog.allowedTemplates(current.id());
            allowed.setItems(choices);
            allowed.setValue(new HashSet<>(choices.stream()
                    .filter(c -> chosen.stream().anyMatch(t -> t.id() == c.id())).toList()));
            allowed.setHelperText(choices.isEmpty() ? "There are no templates yet; a system admin defines them."
                    : "Members see these in the group's catalog. Resources already made keep running.");
        }

        resourcesSection.removeAll();
        var unitValue = currency.current();
        grid = new ResourceGrid(provisioning, () -> provisioning.groupResources(current.id()), () -> unitValue, true);
        grid.setId("group-resources");
        grid.setEmptyStateText(canEdit
                ? "No resources yet. Provision shared ones (a hosting plan, a class database) from the catalog; "
                        + "members' resources appear here too."
                : "No resources you can see yet. Provision one from the catalog.");
        grid.refresh();
        var provisionShared = new Button("Provision from the catalog", click -> getUI().ifPresent(ui -> ui.navigate(
                CatalogView.class, new RouteParameters(CatalogView.GROUP_ID, String.valueOf(current.id())))));
        provisionShared.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(new H3("Resources"), provisionShared);
        header.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);
        toolbar.removeAll();
        toolbar.add(header);
        resourcesSection.add(toolbar, grid);
    }

    private void saveAllowed() {
        var current = group;
        if (current == null) {
            return;
        }
        try {
            var saved = catalog.allowTemplates(current.id(), allowed.getValue().stream().map(TemplateView::id).toList());
            Notification.show(saved.isEmpty() ? "The group offers no templates now."
                    : "The group offers " + saved.size() + " template" + (saved.size() == 1 ? "" : "s") + ".", 3000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
