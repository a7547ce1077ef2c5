package org.burnrate.catalog.ui;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.ExhaustionAction;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.catalog.UnitValue;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Creates a template (with its first rate) or edits one. The rules of a template are
 * {@link TemplateDraft}'s, {@link ExhaustionPolicy}'s and {@link BurnRate}'s; this dialog only reads
 * what was typed and shows refusals on the fields. Kind, parent and billing are fixed once a template
 * exists, because resources made from it depend on them.
 */
class TemplateEditorDialog extends FormDialog {

    /** The template as the admin described it; {@code initialRate} is null when editing or left out. */
    record Submission(TemplateDraft draft, @Nullable BurnRate initialRate) {
    }

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final Select<TemplateKind> kind = new Select<>();
    final ComboBox<TemplateView> parent = new ComboBox<>("Container template");
    final Select<Billing> billing = new Select<>();
    final TextField provider = new TextField("Provider");
    final TextArea providerParameters = new TextArea("Provider parameters");
    final IntegerField maxInstances = new IntegerField("Most instances per member");
    final Checkbox enabled = new Checkbox("Enabled: group admins can offer it to their groups");
    final TextField warnAt = new TextField("Warn at");
    final TextField graceUnits = new TextField("Grace amount");
    final TextField gracePeriod = new TextField("Grace period");
    final Select<ExhaustionAction> action = new Select<>();
    /** The first rate; only when creating. */
    final @Nullable RateForm initialRate;
    private final Consumer<Submission> onSave;

    static TemplateEditorDialog create(List<TemplateView> containers, Optional<UnitValue> unitValue,
            Consumer<Submission> onSave) {
        return new TemplateEditorDialog(null, containers, unitValue, onSave);
    }

    static TemplateEditorDialog edit(TemplateView template, List<TemplateView> containers,
            Consumer<Submission> onSave) {
        return new TemplateEditorDialog(template, containers, Optional.empty(), onSave);
    }

    private TemplateEditorDialog(@Nullable TemplateView template, List<TemplateView> containers,
            Optional<UnitValue> unitValue, Consumer<Submission> onSave) {
        super(template == null ? "New template" : "Edit " + template.name(), template == null ? "Create" : "Save");
        this.onSave = onSave;
        boolean creating = template == null;
        setWidth("48em");

        name.setRequiredIndicatorVisible(true);
        name.setPlaceholder("e.g. Ubuntu VM (2 vCPU)");
        name.setMaxLength(TemplateDraft.MAX_NAME);
        description.setMaxLength(TemplateDraft.MAX_DESCRIPTION);
        description.setHelperText("What members get, in their words.");
        kind.setLabel("Kind");
        kind.setItems(TemplateKind.values());
        kind.setItemLabelGenerator(TemplateKind::label);
        parent.setItems(containers);
        parent.setItemLabelGenerator(TemplateView::name);
        parent.setHelperText("The hosting plan children are provisioned into.");
        billing.setLabel("Billing");
        billing.setItems(Billing.values());
        billing.setItemLabelGenerator(Billing::label);
        provider.setHelperText("Who provisions the resources; 'simulated' for a trial.");
        providerParameters.setPlaceholder("image=ubuntu-24.04\nsize=2vcpu");
        providerParameters.setHelperText("One name=value per line, passed to the provider.");
        providerParameters.setMaxLength(TemplateDraft.MAX_PARAMETERS_TEXT);
        maxInstances.setMin(1);
        maxInstances.setMax(1000);
        maxInstances.setHelperText("Empty means no limit.");
        maxInstances.setClearButtonVisible(true);
        warnAt.setHelperText("Percent of an allocation consumed, e.g. 50, 80, 95. Empty for no warnings.");
        graceUnits.setSuffixComponent(new Span("units"));
        graceUnits.setHelperText("How far consumption may run over before the action.");
        gracePeriod.setHelperText("How long after running out, e.g. 0, 12 h or 2 d (at most 31 d).");
        action.setLabel("Then");
        action.setItems(ExhaustionAction.values());
        action.setItemLabelGenerator(ExhaustionAction::label);

        var draft = template == null ? null : template.draft();
        name.setValue(draft == null ? "" : draft.name());
        description.setValue(draft == null ? "" : draft.description());
        kind.setValue(draft == null ? TemplateKind.STANDALONE : draft.kind());
        billing.setValue(draft == null ? Billing.TIME : draft.billing());
        if (draft != null && draft.parentTemplateId() != null) {
            containers.stream().filter(container -> container.id() == draft.parentTemplateId()).findFirst()
                    .ifPresent(parent::setValue);
        }
        provider.setValue(draft == null ? "simulated" : draft.provider());
        providerParameters.setValue(draft == null ? "" : draft.providerParameters().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n")));
        maxInstances.setValue(draft == null ? null : draft.maxInstancesPerMember());
        enabled.setValue(draft == null || draft.enabled());
        var exhaustion = draft == null ? ExhaustionPolicy.DEFAULT : draft.exhaustion();
        warnAt.setValue(exhaustion.warnAt().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        graceUnits.setValue(CatalogTexts.plain(exhaustion.graceUnits()));
        gracePeriod.setValue(CatalogTexts.duration(exhaustion.gracePeriod()));
        action.setValue(exhaustion.action());

        kind.setReadOnly(!creating);
        parent.setReadOnly(!creating);
        billing.setReadOnly(!creating);
        if (!creating) {
            kind.setHelperText("Fixed: resources made from this template depend on it.");
            billing.setHelperText("Fixed: resources made from this template depend on it.");
        }
        parent.setVisible(kind.getValue() == TemplateKind.CHILD);
        parent.setRequiredIndicatorVisible(true);

        errors.register("name", name);
        errors.register("description", description);
        errors.register("kind", kind);
        errors.register("parentTemplateId", parent);
        errors.register("billing", billing);
        errors.register("provider", provider);
        errors.register("providerParameters", providerParameters);
        errors.register("maxInstancesPerMember", maxInstances);
        errors.register("exhaustion.warnAt", warnAt);
        errors.register("exhaustion.graceUnits", graceUnits);
        errors.register("exhaustion.gracePeriod", gracePeriod);
        errors.register("exhaustion.action", action);

        var form = new FormLayout(name, description, kind, billing, parent, provider, maxInstances,
                providerParameters, enabled);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("28em", 2));
        form.setColspan(name, 2);
        form.setColspan(description, 2);
        form.setColspan(parent, 2);
        form.setColspan(providerParameters, 2);
        form.setColspan(enabled, 2);
        var exhaustionForm = new FormLayout(warnAt, action, graceUnits, gracePeriod);
        exhaustionForm.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1),
                new FormLayout.ResponsiveStep("28em", 2));
        add(form, new H4("When a budget runs out"), exhaustionForm);

        if (creating) {
            initialRate = new RateForm(kind.getValue(), billing.getValue(), unitValue, null, true, false);
            initialRate.registerWith(errors);
            add(new H4("First rate"), initialRate);
        } else {
            initialRate = null;
        }
        kind.addValueChangeListener(change -> kindOrBillingChanged());
        billing.addValueChangeListener(change -> kindOrBillingChanged());
    }

    private void kindOrBillingChanged() {
        boolean child = kind.getValue() == TemplateKind.CHILD;
        parent.setVisible(child);
        if (!child) {
            parent.clear();
        }
        if (initialRate != null) {
            if (child && initialRate.units.getValue().isBlank()) {
                initialRate.units.setValue("0");
            }
            initialRate.describeFor(kind.getValue(), billing.getValue());
        }
    }

    @Override
    boolean handOver() {
        var policy = readExhaustion();
        var rate = initialRate == null || initialRate.isLeftOut() ? null : initialRate.read(errors);
        var parameters = errors.read("providerParameters",
                () -> TemplateDraft.parseParameters(providerParameters.getValue()));
        if (errors.anyRefused() || policy == null || parameters == null) {
            return false;
        }
        var selectedParent = parent.getValue();
        var draft = new TemplateDraft(name.getValue(), description.getValue(), kind.getValue(),
                selectedParent == null ? null : selectedParent.id(), billing.getValue(), provider.getValue(),
                parameters, maxInstances.getValue(), enabled.getValue(), policy);
        onSave.accept(new Submission(draft, rate));
        return true;
    }

    private @Nullable ExhaustionPolicy readExhaustion() {
        var thresholds = errors.read("exhaustion.warnAt", () -> thresholds(warnAt.getValue()));
        var units = errors.read("exhaustion.graceUnits",
                () -> CatalogTexts.parseUnits("exhaustion.graceUnits", graceUnits.getValue()));
        var period = errors.read("exhaustion.gracePeriod", () -> gracePeriod(gracePeriod.getValue()));
        if (thresholds == null || units == null || period == null) {
            return null;
        }
        try {
            return new ExhaustionPolicy(thresholds, units, period, Objects.requireNonNull(action.getValue()));
        } catch (InvalidInputException e) {
            errors.show(e, null);
            return null;
        }
    }

    private static List<Integer> thresholds(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.stream(text.split("[,;\\s]+")).filter(part -> !part.isBlank())
                    .map(part -> Integer.valueOf(part.replace("%", ""))).toList();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("exhaustion.warnAt",
                    "Write the thresholds as whole percentages separated by commas, like 50, 80, 95.");
        }
    }

    private static Duration gracePeriod(String text) {
        return text.isBlank() || text.strip().equals("0") ? Duration.ZERO
                : CatalogTexts.parseDuration("exhaustion.gracePeriod", text);
    }

    @Override
    @Nullable String fieldFor(RuntimeException refusal) {
        // The only conflict a template can meet is another one of the same name.
        return refusal instanceof ConflictException ? "name" : null;
    }
}
