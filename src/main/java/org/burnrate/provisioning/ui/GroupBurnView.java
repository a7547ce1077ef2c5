package org.burnrate.provisioning.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;

import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.base.ui.Dates;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.UnitValue;
import org.burnrate.catalog.ui.MoneyText;
import org.burnrate.provisioning.GroupBurn;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

/**
 * A group's burn for its admin: two plain grids, per member and per template, each row with its
 * total over the range and its last seven days, in units with money beside them.
 */
@Route("groups/:groupId/burn")
@PermitAll
public class GroupBurnView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    static final String GROUP_ID = "groupId";
    static final int DAY_COLUMNS = 7;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    final Paragraph notFound = new Paragraph("This group does not exist, or you do not administer it.");
    final DatePicker from = Dates.picker("From");
    final DatePicker to = Dates.picker("To");
    final Button show = new Button("Show");
    final Paragraph summary = new Paragraph();
    final Grid<GroupBurn.Row> byMember = new Grid<>();
    final Grid<GroupBurn.Row> byTemplate = new Grid<>();
    private final Div content = new Div();

    private final GroupBurn burn;
    private final Optional<UnitValue> unitValue;
    private long groupId;
    private GroupBurn.@Nullable Report report;

    GroupBurnView(GroupBurn burn, CurrencySettings currency) {
        this.burn = burn;
        this.unitValue = currency.current();
        addClassName("portal-view");
        notFound.addClassName("portal-empty");
        notFound.setVisible(false);
        from.setId("burn-from");
        to.setId("burn-to");
        summary.setId("burn-summary");
        byMember.setId("burn-by-member");
        byTemplate.setId("burn-by-template");
        show.addClickListener(click -> load(from.getValue(), to.getValue()));
        summary.addClassName("portal-facts");
        var range = new HorizontalLayout(from, to, show);
        range.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);
        content.add(range, summary, new H3("Per member"), byMember, new H3("Per template"), byTemplate);
        add(notFound, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            groupId = Long.parseLong(event.getRouteParameters().get(GROUP_ID).orElse(""));
            load(null, null);
        } catch (NumberFormatException | NotFoundException | AccessDeniedException e) {
            report = null;
            notFound.setVisible(true);
            content.setVisible(false);
        }
    }

    @Override
    public String getPageTitle() {
        return "Group burn · Burnrate";
    }

    /** A link to a group's burn, for its admin. */
    static RouterLink link(long groupId) {
        var link = new RouterLink("Burn per member and template", GroupBurnView.class,
                new RouteParameters(GROUP_ID, String.valueOf(groupId)));
        link.setId("group-burn-link");
        return link;
    }

    private void load(@Nullable LocalDate first, @Nullable LocalDate last) {
        GroupBurn.Report shown;
        try {
            shown = burn.of(groupId, first, last);
        } catch (InvalidInputException e) {
            summary.setText(e.getMessage());
            return;
        }
        report = shown;
        notFound.setVisible(false);
        content.setVisible(true);
        from.setValue(shown.from());
        to.setValue(shown.to());
        summary.setText("Debits on the members' accounts from " + shown.from() + " to " + shown.to() + ": "
                + MoneyText.of(shown.total(), unitValue) + ". Daily figures are in units.");
        var days = shown.days();
        var lastDays = days.subList(Math.max(0, days.size() - DAY_COLUMNS), days.size());
        configure(byMember, "Member", lastDays, shown.byMember(), "No member was charged in this range.");
        configure(byTemplate, "Template", lastDays, shown.byTemplate(), "Nothing was charged in this range.");
    }

    private void configure(Grid<GroupBurn.Row> grid, String what, List<LocalDate> days, List<GroupBurn.Row> rows,
            String empty) {
        grid.removeAllColumns();
        grid.addColumn(GroupBurn.Row::label).setKey("label").setHeader(what).setAutoWidth(true).setFrozen(true);
        grid.addColumn(row -> MoneyText.of(row.total(), unitValue)).setKey("total").setHeader("Total")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        for (var day : days) {
            // The days in units alone, their money on hover: eight columns of "6.6667 units (0.33 EUR)" do not
            // fit a laptop's screen beside the names.
            grid.addColumn(row -> row.on(day).isZero() ? "–" : row.on(day).toString())
                    .setKey(day.toString()).setHeader(DAY.format(day)).setTextAlign(ColumnTextAlign.END)
                    .setTooltipGenerator(row -> MoneyText.of(row.on(day), unitValue))
                    .setAutoWidth(true).setFlexGrow(0);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setEmptyStateText(empty);
        grid.setAllRowsVisible(true);
        grid.setItems(rows);
    }
}
