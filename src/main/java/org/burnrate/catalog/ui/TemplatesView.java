package org.burnrate.catalog.ui;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.catalog.UnitValue;
import org.burnrate.security.Roles;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * System admins define what members can run: resource templates with their provider, limits,
 * exhaustion ladder and effective-dated burn rates. Group admins then choose which enabled
 * templates their groups may use.
 */
@Route("admin/templates")
@PageTitle("Templates · Burnrate")
@Menu(title = "Templates", order = 85, icon = "vaadin:cubes")
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class TemplatesView extends Div {

    static final String EMPTY = "No templates yet. Create one; members can use it once a group admin allows it "
            + "for their group.";

    private final TemplateCatalog catalog;
    private final CurrencySettings currency;
    private final Clock clock;
    final Button create = new Button("New template", VaadinIcon.PLUS.create(), click -> openCreateDialog());
    final Grid<TemplateView> grid = new Grid<>();
    private Map<Long, String> names = Map.of();
    private Optional<UnitValue> unitValue = Optional.empty();

    TemplatesView(TemplateCatalog catalog, CurrencySettings currency, Clock clock) {
        this.catalog = catalog;
        this.currency = currency;
        this.clock = clock;
        addClassName("portal-view");

        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-template");
        var toolbar = new HorizontalLayout(new H3("Resource templates"), create);
        toolbar.addClassName("portal-toolbar");
        toolbar.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);

        // The texts wrap in columns that share the width, so that all of them and the actions fit at 1280 px.
        grid.addColumn(TemplateView::name).setKey("name").setHeader("Name").setWidth("9em").setFlexGrow(1);
        grid.addColumn(this::kind).setKey("kind").setHeader("Kind").setWidth("8em").setFlexGrow(1);
        grid.addColumn(template -> template.billing().label()).setKey("billing").setHeader("Billing")
                .setAutoWidth(true);
        grid.addColumn(template -> template.currentRate() == null ? "no rate in force"
                : CatalogTexts.rate(template.currentRate().rate(), template.billing())).setKey("rate")
                .setHeader("Rate in force").setWidth("10em").setFlexGrow(1);
        grid.addColumn(template -> template.currentRate() == null || !template.currentRate().rate().burnsWhileRunning()
                ? "—" : MoneyText.of(template.currentRate().rate().minimumCharge(), unitValue)).setKey("minimumCharge")
                .setHeader("Minimum charge").setWidth("8em").setFlexGrow(1);
        grid.addColumn(TemplateView::provider).setKey("provider").setHeader("Provider").setAutoWidth(true);
        grid.addColumn(template -> template.maxInstancesPerMember() == null ? "no limit"
                : String.valueOf(template.maxInstancesPerMember())).setKey("max").setHeader("Max per member")
                .setAutoWidth(true);
        grid.addColumn(template -> template.enabled() ? "Enabled" : "Disabled").setKey("enabled")
                .setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setFrozenToEnd(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("templates");
        grid.setEmptyStateText(EMPTY);
        grid.setAllRowsVisible(true);

        var section = new Div(toolbar, new Paragraph("Rates are versioned: a new rate takes over from the moment "
                + "you choose, and spans already charged keep the rate they were charged at."), grid);
        section.addClassNames("portal-section", "portal-section-wide");
        add(section);
        refresh();
    }

    private String kind(TemplateView template) {
        if (template.kind() == TemplateKind.CHILD && template.parentTemplateId() != null) {
            return "Child of " + names.getOrDefault(template.parentTemplateId(), "#" + template.parentTemplateId());
        }
        return template.kind().label();
    }

    private Component actions(TemplateView template) {
        var edit = new Button("Edit", click -> openEditDialog(template));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var rates = new Button("Rates", click -> openRates(template));
        rates.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var layout = new HorizontalLayout(edit, rates);
        layout.setSpacing(false);
        return layout;
    }

    private void openCreateDialog() {
        TemplateEditorDialog.create(containers(), currency.current(), submission -> {
            var created = catalog.create(submission.draft(), submission.initialRate());
            refresh();
            Feedback.success("Template '" + created.name() + "' was created"
                    + (created.currentRate() == null ? " without a rate; schedule one under Rates." : "."));
        }).open();
    }

    private void openEditDialog(TemplateView template) {
        // The latest state, not the row's: another admin may have changed it since the grid loaded.
        var latest = catalog.get(template.id());
        TemplateEditorDialog.edit(latest, containers(), submission -> {
            var changed = catalog.update(latest.id(), submission.draft());
            refresh();
            Feedback.success("Template '" + changed.name() + "' was saved.");
        }).open();
    }

    private void openRates(TemplateView template) {
        new RateHistoryDialog(catalog.get(template.id()), currency.current(), clock, () -> catalog.rates(template.id()),
                (rate, from) -> catalog.scheduleRate(template.id(), rate, from), this::refresh).open();
    }

    private List<TemplateView> containers() {
        return catalog.templates().stream().filter(template -> template.kind() == TemplateKind.CONTAINER).toList();
    }

    private void refresh() {
        unitValue = currency.current();
        var templates = catalog.templates();
        names = templates.stream().collect(Collectors.toMap(TemplateView::id, TemplateView::name));
        grid.setItems(templates);
    }
}
