package org.burnrate.catalog.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.burnrate.base.InvalidInputException;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.UnitValue;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * The fields of one burn rate, with a live preview of what it charges: the minimum charge (one
 * started span, held up front) in units and money. {@link BurnRate} computes the preview, so it
 * shows exactly what will be charged, rounding included.
 */
class RateForm extends FormLayout {

    static final List<String> COMMON_PERS = List.of("1 hour", "1 minute", "1 day");

    final TextField units = new TextField("Units while running");
    final ComboBox<String> per = new ComboBox<>("Per");
    final TextField minimumSpan = new TextField("Minimum billable span");
    final TextField stoppedUnits = new TextField("Units while stopped");
    final TextField unitsPerOperation = new TextField("Units per operation");
    final DateTimePicker effectiveFrom = new DateTimePicker("Effective from");
    final Paragraph preview = new Paragraph();
    private final List<String> perItems = new ArrayList<>(COMMON_PERS);
    private final Optional<UnitValue> unitValue;
    private final boolean optional;
    private Billing billing;

    /**
     * @param optional whether the whole rate may be left out (units left empty), as when creating a template
     * @param dated whether the rate has an effective-from time (a new version of an existing template's rate)
     */
    RateForm(TemplateKind kind, Billing billing, Optional<UnitValue> unitValue, @Nullable BurnRate startFrom,
            boolean optional, boolean dated) {
        this.billing = billing;
        this.unitValue = unitValue;
        this.optional = optional;

        units.setSuffixComponent(new Span("units"));
        units.setRequiredIndicatorVisible(!optional);
        per.setItems(perItems);
        per.setAllowCustomValue(true);
        per.setHelperText("Or type a duration, e.g. 30 min or PT1H.");
        per.addCustomValueSetListener(typed -> {
            perItems.add(typed.getDetail());
            per.setItems(perItems);
            per.setValue(typed.getDetail());
        });
        minimumSpan.setHelperText("Each started span is charged in full, up front: 1 s to 31 d, e.g. 1 min, 24 h or PT1M.");
        stoppedUnits.setSuffixComponent(new Span("units"));
        stoppedUnits.setHelperText("Per the same time, while the resource is stopped (disks still cost).");
        unitsPerOperation.setSuffixComponent(new Span("units"));
        unitsPerOperation.setHelperText("For per-operation billing: what each reported operation costs.");
        effectiveFrom.setHelperText("Empty means now. A rate can start later, never earlier.");
        effectiveFrom.setVisible(dated);
        preview.addClassName("catalog-rate-preview");

        units.setValue(startFrom == null ? (kind == TemplateKind.CHILD ? "0" : "") : CatalogTexts.plain(startFrom.units()));
        per.setValue(startFrom == null ? "1 hour" : perText(startFrom.per()));
        minimumSpan.setValue(startFrom == null ? "1 min" : CatalogTexts.duration(startFrom.minimumSpan()));
        stoppedUnits.setValue(startFrom == null ? "0" : CatalogTexts.plain(startFrom.stoppedUnits()));
        unitsPerOperation.setValue(startFrom == null ? "0" : CatalogTexts.plain(startFrom.unitsPerOperation()));

        for (var field : List.of(units, minimumSpan, stoppedUnits, unitsPerOperation)) {
            field.setValueChangeMode(ValueChangeMode.EAGER);
            field.addValueChangeListener(change -> updatePreview());
        }
        per.addValueChangeListener(change -> updatePreview());

        add(units, per, minimumSpan, stoppedUnits, unitsPerOperation, effectiveFrom, preview);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("28em", 2));
        setColspan(effectiveFrom, 2);
        setColspan(preview, 2);
        describeFor(kind, billing);
    }

    /** Adapts the help to the template the rate is for; creating a template may change its kind or billing. */
    void describeFor(TemplateKind kind, Billing billing) {
        this.billing = billing;
        units.setHelperText(kind == TemplateKind.CHILD
                ? "A child burns nothing while running: its container is charged. Keep 0."
                : optional ? "Per the time below. Leave empty to add the first rate later." : "Per the time below.");
        unitsPerOperation.setRequiredIndicatorVisible(billing == Billing.PER_OPERATION);
        updatePreview();
    }

    void registerWith(FieldErrors errors) {
        errors.register("units", units);
        errors.register("per", per);
        errors.register("minimumSpan", minimumSpan);
        errors.register("stoppedUnits", stoppedUnits);
        errors.register("unitsPerOperation", unitsPerOperation);
        errors.register("effectiveFrom", effectiveFrom);
    }

    /** Whether the rate was left out (only where {@code optional}). */
    boolean isLeftOut() {
        return optional && units.getValue().isBlank();
    }

    /** The rate typed in, or null when a field is refused (the fields say why). */
    @Nullable BurnRate read(FieldErrors errors) {
        var running = errors.read("units", () -> CatalogTexts.parseUnits("units", units.getValue()));
        var perDuration = errors.read("per", () -> CatalogTexts.parseDuration("per", per.getValue()));
        var span = errors.read("minimumSpan", () -> CatalogTexts.parseDuration("minimumSpan", minimumSpan.getValue()));
        var stopped = errors.read("stoppedUnits", () -> CatalogTexts.parseUnits("stoppedUnits", stoppedUnits.getValue()));
        var perOperation = errors.read("unitsPerOperation",
                () -> CatalogTexts.parseUnits("unitsPerOperation", unitsPerOperation.getValue()));
        if (running == null || perDuration == null || span == null || stopped == null || perOperation == null) {
            return null;
        }
        try {
            return new BurnRate(running, perDuration, span, stopped, perOperation);
        } catch (InvalidInputException e) {
            errors.show(e, null);
            return null;
        }
    }

    /** When the new version starts; null for now. */
    @Nullable Instant effectiveFrom() {
        return CatalogTexts.instant(effectiveFrom.getValue());
    }

    void clearEffectiveFrom() {
        effectiveFrom.clear();
    }

    private void updatePreview() {
        preview.setText(previewText());
    }

    private String previewText() {
        BurnRate rate;
        try {
            rate = new BurnRate(CatalogTexts.parseUnits("units", units.getValue()),
                    CatalogTexts.parseDuration("per", per.getValue()),
                    CatalogTexts.parseDuration("minimumSpan", minimumSpan.getValue()),
                    CatalogTexts.parseUnits("stoppedUnits", stoppedUnits.getValue()),
                    CatalogTexts.parseUnits("unitsPerOperation", unitsPerOperation.getValue()));
        } catch (InvalidInputException e) {
            return optional && units.getValue().isBlank() ? "No rate yet: nobody can start a resource from this "
                    + "template until it has one." : "The preview shows once the rate's fields are filled in correctly.";
        }
        var text = new StringBuilder();
        if (billing == Billing.PER_OPERATION) {
            text.append("Each operation ").append(MoneyText.of(rate.unitsPerOperation(), unitValue)).append(". ");
        }
        if (rate.burnsWhileRunning() || billing == Billing.TIME) {
            text.append("Minimum charge ").append(MoneyText.of(rate.minimumCharge(), unitValue))
                    .append(", up front for each started ").append(CatalogTexts.duration(rate.minimumSpan()))
                    .append("; running for an hour costs ").append(MoneyText.of(rate.unitsPerHour(), unitValue))
                    .append('.');
        }
        if (rate.stoppedUnits().isPositive()) {
            text.append(" While stopped, ").append(MoneyText.of(rate.stoppedCost(1), unitValue))
                    .append(" per started ").append(CatalogTexts.duration(rate.minimumSpan()))
                    .append(", from where its last running span ends.");
        }
        if (unitValue.isEmpty()) {
            text.append(" (No currency is set, so only units are shown.)");
        }
        return text.toString().strip();
    }

    private String perText(Duration duration) {
        var text = switch ((int) Math.min(duration.toSeconds(), Integer.MAX_VALUE)) {
            case 3600 -> "1 hour";
            case 60 -> "1 minute";
            case 86_400 -> "1 day";
            default -> CatalogTexts.duration(duration);
        };
        if (!perItems.contains(text)) {
            perItems.add(text);
            per.setItems(perItems);
        }
        return text;
    }
}
