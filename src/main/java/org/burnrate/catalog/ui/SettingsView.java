package org.burnrate.catalog.ui;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.UnitValue;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The currency and what one consumption unit is worth in it. Both are effective-dated: a new value
 * takes over from now or a later moment, and what was charged before keeps the value it was charged at.
 */
@Route("admin/settings")
@PageTitle("Settings · Burnrate")
@Menu(title = "Settings", order = 97, icon = "vaadin:cog")
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class SettingsView extends Div {

    /** What the preview values, so the admin sees the new value at a familiar scale. */
    private static final ConsumptionUnits EXAMPLE = ConsumptionUnits.of(100);

    private final CurrencySettings settings;
    private final Clock clock;

    final Paragraph inForce = new Paragraph();
    final Paragraph inForceSince = new Paragraph();
    final Paragraph notSet = new Paragraph("No currency is set yet, so units can't be shown in money: budgets, "
            + "rates and charges appear in units only until you set the currency and the value of one unit below.");
    final TextField currency = new TextField("Currency");
    final TextField unitValue = new TextField("Value of one unit");
    final DateTimePicker effectiveFrom = new DateTimePicker("Effective from");
    final Paragraph preview = new Paragraph();
    final Button save = new Button("Set value", click -> confirmSet());
    final FieldErrors errors = new FieldErrors();
    final Grid<UnitValue> history = new Grid<>();
    private @Nullable UnitValue current;

    SettingsView(CurrencySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        addClassName("portal-view");
        add(inForceSection(), formSection(), historySection());
        refresh();
    }

    private Component inForceSection() {
        inForce.addClassName("catalog-unit-value");
        notSet.addClassName("portal-empty");
        var section = new Div(new H3("In force"), inForce, inForceSince, notSet);
        section.addClassName("portal-section");
        return section;
    }

    private Component formSection() {
        currency.setHelperText("ISO 4217 code, e.g. EUR, USD or CHF.");
        currency.setRequiredIndicatorVisible(true);
        currency.setWidth("10em");
        unitValue.setHelperText("Up to 6 decimal places, e.g. 0.05.");
        unitValue.setRequiredIndicatorVisible(true);
        effectiveFrom.setHelperText("Empty means now. A value can start later, never earlier.");
        for (var field : new TextField[] {currency, unitValue}) {
            field.setValueChangeMode(ValueChangeMode.EAGER);
            field.addValueChangeListener(change -> updatePreview());
        }
        errors.register("currency", currency);
        errors.register("unitValue", unitValue);
        errors.register("effectiveFrom", effectiveFrom);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("set-unit-value");

        var form = new FormLayout(currency, unitValue, effectiveFrom);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36em", 3));
        var section = new Div(new H3("Set a new value"), new Paragraph("Charges already made keep the value they "
                + "were charged at; the new value applies from the moment you choose."), errors.formError, form,
                preview, save);
        section.addClassName("portal-section");
        return section;
    }

    private Component historySection() {
        history.addColumn(value -> value.currency().getCurrencyCode()).setKey("currency").setHeader("Currency")
                .setAutoWidth(true);
        history.addColumn(value -> CatalogTexts.plain(value.valuePerUnit())).setKey("value")
                .setHeader("Value of one unit").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        history.addColumn(value -> CatalogTexts.when(value.effectiveFrom())).setKey("effectiveFrom")
                .setHeader("Effective from").setAutoWidth(true);
        history.addColumn(UnitValue::setBy).setKey("setBy").setHeader("Set by").setAutoWidth(true);
        history.addColumn(this::status).setKey("status").setHeader("").setAutoWidth(true);
        history.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        history.setEmptyStateText("No value has been set yet.");
        history.setAllRowsVisible(true);
        var section = new Div(new H3("History"), history);
        section.addClassName("portal-section");
        return section;
    }

    private String status(UnitValue value) {
        if (current != null && current.id() == value.id()) {
            return "in force";
        }
        return value.effectiveFrom().isAfter(clock.instant()) ? "scheduled" : "past";
    }

    private void updatePreview() {
        try {
            var code = currency.getValue().strip().toUpperCase(Locale.ROOT);
            var value = new BigDecimal(unitValue.getValue().strip());
            if (!code.matches("[A-Z]{3}") || value.signum() <= 0) {
                throw new IllegalArgumentException();
            }
            var example = new UnitValue(0, Currency.getInstance(code), value, clock.instant(), "");
            preview.setText("With this value, " + MoneyText.of(EXAMPLE, Optional.of(example)) + ".");
        } catch (IllegalArgumentException | ArithmeticException e) {
            preview.setText("");
        }
    }

    private void confirmSet() {
        errors.clear();
        var value = errors.read("unitValue", () -> unitValueTyped(unitValue.getValue()));
        if (value == null) {
            return;
        }
        // The catalog reads the code as typed, so that a refusal quotes what the admin wrote.
        var typed = currency.getValue();
        var code = typed.strip().toUpperCase(Locale.ROOT);
        var from = CatalogTexts.instant(effectiveFrom.getValue());
        var when = from == null ? "now" : CatalogTexts.when(from);
        var dialog = new ConfirmDialog();
        dialog.setHeader("Set 1 unit = " + CatalogTexts.plain(value) + " " + code + " from " + when + "?");
        dialog.setText("Everything charged from " + when + " is valued at this. Past charges keep the value they "
                + "were charged at; nothing already in the ledger changes."
                + (current == null ? "" : " Until then, " + CatalogTexts.unitValue(current) + " stays in force."));
        dialog.setCancelable(true);
        dialog.setConfirmText("Set value");
        dialog.addConfirmListener(confirm -> set(typed, value, from));
        dialog.open();
    }

    private void set(String currencyCode, BigDecimal value, @Nullable Instant from) {
        try {
            var saved = settings.set(currencyCode, value, from);
            unitValue.clear();
            effectiveFrom.clear();
            refresh();
            Feedback.success(CatalogTexts.unitValue(saved) + (from == null ? " from now on."
                    : " from " + CatalogTexts.when(saved.effectiveFrom()) + "."));
        } catch (RuntimeException e) {
            if (!errors.show(e, null)) {
                throw e;
            }
        }
    }

    private static BigDecimal unitValueTyped(String text) {
        if (text.isBlank()) {
            throw new InvalidInputException("unitValue", "The value of one unit is required, for example 0.05.");
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("unitValue", "'" + text.strip() + "' is not a number; write the value "
                    + "of one unit like 0.05.");
        }
    }

    private void refresh() {
        current = settings.current().orElse(null);
        var versions = settings.history();
        // Newest first, so the last one still to come is the next to take over.
        var next = versions.stream().filter(version -> version.effectiveFrom().isAfter(clock.instant()))
                .reduce((later, sooner) -> sooner);
        notSet.setVisible(current == null);
        inForce.setVisible(current != null);
        inForceSince.setVisible(current != null || next.isPresent());
        inForce.setText(current == null ? "" : CatalogTexts.unitValue(current));
        inForceSince.setText(((current == null ? "" : "Since " + CatalogTexts.when(current.effectiveFrom())
                + ", set by " + current.setBy() + ". ")
                + next.map(version -> "Scheduled: " + CatalogTexts.unitValue(version) + " from "
                        + CatalogTexts.when(version.effectiveFrom()) + ".").orElse("")).strip());
        if (current != null && currency.isEmpty()) {
            currency.setValue(current.currency().getCurrencyCode());
        }
        history.setItems(versions);
    }
}
