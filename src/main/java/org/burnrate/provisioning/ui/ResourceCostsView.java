package org.burnrate.provisioning.ui;

import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;

import org.burnrate.base.NotFoundException;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.UnitValue;
import org.burnrate.catalog.ui.MoneyText;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ResourceCosts;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.provisioning.Showback;
import org.burnrate.catalog.TemplateKind;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

/**
 * What one resource has cost: its state and cost so far, and its ledger lines newest first (the
 * release of the start's hold, a debit per span with the rate version and unit value that explain
 * it), paged from the database as the user scrolls. Whoever may not see the resource is told it
 * does not exist.
 */
@Route("resources/:resourceId/costs")
@PermitAll
public class ResourceCostsView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    static final String RESOURCE_ID = "resourceId";
    static final String NOTHING_CHARGED = "Nothing charged yet. Spans are charged when the debit job runs, at most "
            + "a minute after they start; usage as its provider reports it.";

    final Paragraph notFound = new Paragraph();
    final H3 heading = new H3();
    final Paragraph facts = new Paragraph();
    final Span state = new Span();
    final Span costSoFar = new Span();
    final Grid<LedgerLineView> grid = new Grid<>();
    final H3 showbackHeading = new H3("Showback to apps");
    final Paragraph showbackFacts = new Paragraph();
    final Grid<Showback.Share> showbackGrid = new Grid<>();

    private final ProvisioningService provisioning;
    private final ResourceCosts costs;
    private final Showback showback;
    private final Optional<UnitValue> unitValue;
    private @Nullable ResourceView resource;

    ResourceCostsView(ProvisioningService provisioning, ResourceCosts costs, Showback showback,
            CurrencySettings currency) {
        this.provisioning = provisioning;
        this.costs = costs;
        this.showback = showback;
        this.unitValue = currency.current();
        addClassName("portal-view");
        notFound.addClassName("portal-empty");
        notFound.add(new Span("This resource does not exist, or it is not one of yours. "),
                new RouterLink("Back to My resources", MyResourcesView.class));
        notFound.setVisible(false);
        facts.addClassName("portal-facts");
        grid.setId("resource-lines");
        showbackGrid.setId("resource-showback");

        grid.addColumn(line -> LedgerLineTexts.when(line.at())).setKey("when").setHeader("When").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(line -> LedgerLineTexts.type(line.type())).setKey("type").setHeader("Type").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(line -> LedgerLineTexts.amount(line, unitValue)).setKey("amount").setHeader("Amount")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(line -> LedgerLineTexts.span(line.spanStart(), line.spanEnd(), line.at())).setKey("span")
                .setHeader("Span").setAutoWidth(true);
        grid.addColumn(line -> line.rateVersionId() == null ? "" : String.valueOf(line.rateVersionId()))
                .setKey("rateVersion").setHeader("Rate version").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(NOTHING_CHARGED);
        grid.setSizeFull();
        showbackGrid.addColumn(Showback.Share::appName).setKey("app").setHeader("App").setAutoWidth(true);
        showbackGrid.addColumn(Showback.Share::ownerName).setKey("owner").setHeader("Owner").setAutoWidth(true);
        showbackGrid.addColumn(share -> MoneyText.of(share.amount(), unitValue)).setKey("share").setHeader("Share")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        showbackGrid.setEmptyStateText("No app has run in this container during a charged span.");
        showbackGrid.setAllRowsVisible(true);
        showbackFacts.addClassName("portal-facts");
        showbackHeading.setVisible(false);
        showbackFacts.setVisible(false);
        showbackGrid.setVisible(false);
        add(notFound, heading, facts, grid, showbackHeading, showbackFacts, showbackGrid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            long resourceId = Long.parseLong(event.getRouteParameters().get(RESOURCE_ID).orElse(""));
            var shown = provisioning.get(resourceId);
            show(shown);
        } catch (NumberFormatException | NotFoundException | AccessDeniedException e) {
            resource = null;
            notFound.setVisible(true);
            heading.setVisible(false);
            facts.setVisible(false);
            grid.setVisible(false);
            showShowback(false);
        }
    }

    private void showShowback(boolean visible) {
        showbackHeading.setVisible(visible);
        showbackFacts.setVisible(visible);
        showbackGrid.setVisible(visible);
    }

    @Override
    public String getPageTitle() {
        var shown = resource;
        return (shown == null ? "Resource not found" : shown.name() + ": costs") + " · Burnrate";
    }

    /** A link to a resource's costs, for the grids that list resources, showing {@code text} (its cost so far). */
    static RouterLink link(ResourceView resource, String text) {
        var link = new RouterLink(text, ResourceCostsView.class,
                new RouteParameters(RESOURCE_ID, String.valueOf(resource.id())));
        link.setId("costs-" + resource.id());
        link.getElement().setAttribute("title", "Its debit lines and what it cost so far");
        return link;
    }

    private void show(ResourceView shown) {
        resource = shown;
        notFound.setVisible(false);
        heading.setVisible(true);
        facts.setVisible(true);
        grid.setVisible(true);
        heading.setText(shown.name());
        state.setText(shown.state().label());
        state.setClassName("portal-state portal-state-" + shown.state().name().toLowerCase(Locale.ROOT));
        costSoFar.setText("Cost so far " + MoneyText.of(shown.costSoFar(), unitValue));
        facts.removeAll();
        facts.add(state, new Span(" " + shown.templateName() + " in " + shown.groupName() + " · "), costSoFar);
        long resourceId = shown.id();
        grid.setItemsPageable(pageable -> costs.lines(resourceId, pageable).getContent());
        if (shown.kind() == TemplateKind.CONTAINER && shown.canManage()) {
            var report = showback.of(resourceId);
            showbackGrid.setItems(report.totals());
            showbackFacts.setText("Each charged span split equally among the apps running at its start (a report, "
                    + "not a charge) over " + report.spans().size() + " span" + (report.spans().size() == 1 ? "" : "s")
                    + ": " + MoneyText.of(report.total(), unitValue) + " in all, of which unused capacity "
                    + MoneyText.of(report.unusedCapacity(), unitValue) + ".");
            showShowback(true);
        } else {
            showShowback(false);
        }
    }
}
