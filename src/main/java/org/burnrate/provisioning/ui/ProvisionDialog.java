package org.burnrate.provisioning.ui;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.burnrate.catalog.ui.MoneyText;
import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.catalog.UnitValue;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.provisioning.Quote;
import org.burnrate.provisioning.ResourceView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Provisioning with the quote in view: the rate, what the first span costs (held now, at every
 * level), and how long each budget level lasts at this rate. Confirming is possible only when the
 * quote allows it; a refusal at confirmation (someone spent the budget meanwhile) is shown here.
 */
class ProvisionDialog extends Dialog {

    final TextField name = new TextField("Name");
    final Checkbox limitRun = new Checkbox("Stop it automatically after");
    final IntegerField hours = new IntegerField();
    final Select<ResourceView> container = new Select<>();
    final Checkbox shared = new Checkbox("Shared with the group (billed to your group-admin budget)");
    final Paragraph summary = new Paragraph();
    final Grid<Quote.Level> levels = new Grid<>();
    final Paragraph refusal = new Paragraph();
    final Button confirm = new Button("Provision");

    private final ProvisioningService provisioning;
    private final long groupId;
    private final TemplateView template;
    private final Optional<UnitValue> unitValue;
    private final Consumer<ResourceView> onProvisioned;

    ProvisionDialog(ProvisioningService provisioning, long groupId, TemplateView template, boolean canShare,
            boolean isMember, Optional<UnitValue> unitValue, Consumer<ResourceView> onProvisioned) {
        this.provisioning = provisioning;
        this.groupId = groupId;
        this.template = template;
        this.unitValue = unitValue;
        this.onProvisioned = onProvisioned;
        setHeaderTitle("Provision " + template.name());
        setWidth("52em");

        name.setValue(template.name());
        name.setWidthFull();
        name.setMaxLength(ProvisioningService.MAX_NAME);
        name.setRequired(true);
        hours.setMin(1);
        hours.setMax(744);
        hours.setValue(2);
        hours.setEnabled(false);
        hours.setStepButtonsVisible(true);
        hours.setAriaLabel("Hours before it stops");
        hours.setSuffixComponent(new com.vaadin.flow.component.html.Span("hours"));
        hours.setWidth("9em");
        limitRun.addValueChangeListener(event -> hours.setEnabled(event.getValue()));
        container.setLabel("Hosting plan to put it in");
        container.setItemLabelGenerator(ResourceView::name);
        container.setEmptySelectionAllowed(false);
        container.setWidthFull();
        shared.setVisible(canShare && template.kind() != TemplateKind.CONTAINER);
        shared.setValue(canShare && (!isMember || template.kind() == TemplateKind.CONTAINER));
        shared.setEnabled(isMember);
        shared.addValueChangeListener(event -> showQuote());

        summary.addClassName("provision-summary");
        levels.addColumn(level -> levelName(level.level())).setKey("level").setHeader("Level").setAutoWidth(true);
        levels.addColumn(Quote.Level::name).setKey("budget").setHeader("Budget").setAutoWidth(true);
        levels.addColumn(level -> level.available() == null ? "unlimited" : MoneyText.of(level.available(),
                unitValue)).setKey("available").setHeader("Available").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        levels.addColumn(level -> ResourceTexts.span(level.lastsFor())).setKey("lastsFor").setHeader("Lasts at this rate")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        levels.setAllRowsVisible(true);
        refusal.addClassName("portal-form-error");

        add(name);
        if (template.kind() == TemplateKind.CHILD) {
            var plans = provisioning.containersFor(groupId, template.id());
            container.setItems(plans);
            if (!plans.isEmpty()) {
                container.setValue(plans.getFirst());
            }
            container.setHelperText(plans.isEmpty() ? "No hosting plan of this group is running; ask your group admin."
                    : "Apps burn nothing themselves: the hosting plan is billed to its owner.");
            add(container);
        }
        if (template.billing() == org.burnrate.catalog.Billing.TIME) {
            var run = new com.vaadin.flow.component.orderedlayout.HorizontalLayout(limitRun, hours);
            run.setDefaultVerticalComponentAlignment(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
            add(run);
        }
        add(shared, summary, levels, refusal);

        confirm.setId("confirm-provision");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickListener(click -> submit());
        getFooter().add(new Button("Cancel", click -> close()), confirm);
        showQuote();
    }

    /** Asks for a fresh quote and shows it; confirming is offered only when it is allowed. */
    void showQuote() {
        Quote quote;
        try {
            quote = provisioning.quote(groupId, template.id(), shared.getValue());
        } catch (InvalidInputException | ConflictException | NotFoundException | AccessDeniedException e) {
            summary.setText("");
            levels.setItems();
            refuse(e.getMessage());
            return;
        }
        if (quote.rateVersion() == null) {
            summary.setText(ResourceTexts.rate(template));
        } else if (template.billing() == org.burnrate.catalog.Billing.PER_OPERATION) {
            summary.setText(ResourceTexts.rate(template) + ". Nothing is held up front; operations are charged as the "
                    + "provider reports them.");
        } else {
            summary.setText(quote.unitsPerHour() + " units per hour, charged per started "
                    + ResourceTexts.span(quote.minimumSpan()) + ". Starting holds the first span: "
                    + MoneyText.of(quote.minimumCharge(), unitValue) + ".");
        }
        levels.setItems(quote.levels());
        if (quote.allowed()) {
            refusal.setVisible(false);
            confirm.setEnabled(true);
        } else {
            refuse(quote.reason());
        }
    }

    private void refuse(@Nullable String reason) {
        refusal.setText(reason == null ? "This cannot be provisioned now." : reason);
        refusal.setVisible(true);
        confirm.setEnabled(false);
    }

    private void submit() {
        Duration runFor = null;
        if (limitRun.getValue()) {
            var value = hours.getValue();
            if (value == null || value < 1 || value > 744) {
                hours.setInvalid(true);
                hours.setErrorMessage("From 1 to 744 hours (31 days).");
                return;
            }
            runFor = Duration.ofHours(value);
        }
        Long parent = template.kind() == TemplateKind.CHILD && container.getValue() != null ? container.getValue().id()
                : null;
        try {
            var created = provisioning.provision(groupId, new ProvisionRequest(template.id(), name.getValue(), runFor,
                    parent, shared.getValue()));
            close();
            onProvisioned.accept(created);
        } catch (InvalidInputException | ConflictException | NotFoundException | AccessDeniedException e) {
            refusal.setText(e.getMessage());
            refusal.setVisible(true);
            showQuoteKeepingRefusal();
        }
    }

    private void showQuoteKeepingRefusal() {
        var message = refusal.getText();
        showQuote();
        refusal.setText(message);
        refusal.setVisible(true);
    }

    static String levelName(Quote.LevelKind level) {
        return switch (level) {
            case MEMBER -> "You";
            case GROUP -> "Group";
            case GROUP_ADMIN -> "Group admin";
            case ORGANIZATION -> "Organization";
        };
    }
}
