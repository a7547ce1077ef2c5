package org.burnrate.catalog.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.RateVersion;
import org.burnrate.catalog.TemplateView;
import org.burnrate.catalog.UnitValue;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;

/**
 * A template's rate versions, newest first, marked in force, scheduled or past, and a form for the
 * next one. Versions are never edited: a new rate is a new version from a moment now or later, and
 * spans already charged keep the version they were charged at.
 */
class RateHistoryDialog extends Dialog {

    /** Adds a version (the view asks the catalog). */
    interface Scheduler {
        RateVersion schedule(BurnRate rate, @Nullable Instant effectiveFrom);
    }

    final Paragraph inForce = new Paragraph();
    final Grid<RateVersion> grid = new Grid<>();
    final RateForm form;
    final Button schedule = new Button("Schedule rate", click -> schedule());
    final FieldErrors errors = new FieldErrors();
    private final TemplateView template;
    private final Clock clock;
    private final Supplier<List<RateVersion>> history;
    private final Scheduler scheduler;
    private final Runnable onChange;
    private @Nullable RateVersion current;

    RateHistoryDialog(TemplateView template, Optional<UnitValue> unitValue, Clock clock,
            Supplier<List<RateVersion>> history, Scheduler scheduler, Runnable onChange) {
        this.template = template;
        this.clock = clock;
        this.history = history;
        this.scheduler = scheduler;
        this.onChange = onChange;
        setHeaderTitle("Rates of " + template.name());
        setWidth("64em");

        grid.addColumn(version -> CatalogTexts.plain(version.rate().units())).setKey("units").setHeader("Units")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(version -> CatalogTexts.duration(version.rate().per())).setKey("per").setHeader("Per")
                .setAutoWidth(true);
        grid.addColumn(version -> CatalogTexts.duration(version.rate().minimumSpan())).setKey("minimumSpan")
                .setHeader("Minimum span").setAutoWidth(true);
        grid.addColumn(version -> CatalogTexts.plain(version.rate().stoppedUnits())).setKey("stoppedUnits")
                .setHeader("Stopped").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(version -> CatalogTexts.plain(version.rate().unitsPerOperation())).setKey("unitsPerOperation")
                .setHeader("Per operation").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(version -> CatalogTexts.when(version.effectiveFrom())).setKey("effectiveFrom")
                .setHeader("Effective from").setAutoWidth(true);
        grid.addColumn(RateVersion::setBy).setKey("setBy").setHeader("Set by").setAutoWidth(true);
        grid.addColumn(this::status).setKey("status").setHeader("").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setEmptyStateText("No rate yet: nobody can start a resource from this template until it has one. "
                + "Schedule the first below.");
        grid.setAllRowsVisible(true);

        var currentRate = template.currentRate();
        form = new RateForm(template.kind(), template.billing(), unitValue,
                currentRate == null ? null : currentRate.rate(), false, true);
        form.registerWith(errors);
        schedule.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        add(inForce, grid, new H4("Schedule a new rate"), errors.formError, form, schedule);
        getFooter().add(new Button("Close", click -> close()));
        refresh();
    }

    private String status(RateVersion version) {
        if (current != null && current.id() == version.id()) {
            return "in force";
        }
        return version.isScheduledAfter(clock.instant()) ? "scheduled" : "past";
    }

    private void schedule() {
        errors.clear();
        var rate = form.read(errors);
        if (rate == null) {
            return;
        }
        try {
            var from = form.effectiveFrom();
            var scheduled = scheduler.schedule(rate, from);
            form.clearEffectiveFrom();
            refresh();
            onChange.run();
            Feedback.success(from == null ? "The new rate of " + template.name() + " is in force now."
                    : "The new rate of " + template.name() + " takes over on "
                            + CatalogTexts.when(scheduled.effectiveFrom()) + ".");
        } catch (RuntimeException e) {
            if (!errors.show(e, null)) {
                throw e;
            }
        }
    }

    private void refresh() {
        var versions = history.get();
        current = RateVersion.inForceAt(versions, clock.instant()).orElse(null);
        inForce.setText(current == null ? "No rate is in force." : "In force: "
                + CatalogTexts.rate(current.rate(), template.billing()) + ", since "
                + CatalogTexts.when(current.effectiveFrom()) + ".");
        grid.setItems(versions);
    }
}
