package org.burnrate.provisioning.ui;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.burnrate.catalog.ui.MoneyText;
import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.base.UpstreamException;
import org.burnrate.base.ui.Confirmation;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.UnitValue;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;

/**
 * Resources with their state, running time, cost so far and a link to their ledger lines, and the
 * actions the caller may take on each: start, start for some hours, stop, delete (confirmed first; a
 * container's apps go with it only when confirmed too).
 */
class ResourceGrid extends Grid<ResourceView> {

    private final ProvisioningService provisioning;
    private final Supplier<List<ResourceView>> source;
    private final Supplier<Optional<UnitValue>> unitValue;

    ResourceGrid(ProvisioningService provisioning, Supplier<List<ResourceView>> source,
            Supplier<Optional<UnitValue>> unitValue, boolean showOwner) {
        this.provisioning = provisioning;
        this.source = source;
        this.unitValue = unitValue;
        addColumn(ResourceView::name).setKey("name").setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        // Owner or group, and template, take the width left and wrap within it.
        if (showOwner) {
            addColumn(r -> r.shared() ? r.ownerName() + " (shared)" : r.ownerName()).setKey("owner").setHeader("Owner")
                    .setWidth("9em").setFlexGrow(1);
        } else {
            addColumn(ResourceView::groupName).setKey("group").setHeader("Group").setWidth("9em").setFlexGrow(1);
        }
        addColumn(ResourceView::templateName).setKey("template").setHeader("Template").setWidth("9em").setFlexGrow(1);
        addComponentColumn(ResourceGrid::state).setKey("state").setHeader("State").setAutoWidth(true);
        addColumn(r -> r.runningSince() == null ? "" : ResourceTexts.moment(r.runningSince())
                + (r.stopAt() == null ? "" : " · stops " + ResourceTexts.moment(r.stopAt())))
                .setKey("running").setHeader("Running since").setAutoWidth(true);
        // The cost so far links to the lines it is the sum of.
        addComponentColumn(r -> ResourceCostsView.link(r, MoneyText.of(r.costSoFar(), unitValue.get()))).setKey("cost")
                .setHeader("Cost so far").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        // Frozen to the end: on a narrow screen the other columns scroll, and the row's actions stay in view.
        addComponentColumn(this::actions).setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setFrozenToEnd(true);
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setAllRowsVisible(true);
    }

    void refresh() {
        setItems(source.get());
    }

    private static Component state(ResourceView resource) {
        var text = resource.state().label();
        if (resource.pendingAction() != null) {
            text += " · " + resource.pendingAction().name().toLowerCase(java.util.Locale.ROOT) + " pending";
        }
        var badge = new Span(text);
        badge.addClassNames("portal-state", "portal-state-" + resource.state().name().toLowerCase(java.util.Locale.ROOT));
        if (resource.failure() != null && resource.state() == ResourceState.FAILED) {
            badge.setTitle(resource.failure());
        }
        return badge;
    }

    private Component actions(ResourceView resource) {
        var actions = new HorizontalLayout();
        actions.setSpacing(false);
        actions.addClassName("portal-row-actions");
        if (!resource.canManage()) {
            return actions;
        }
        var state = resource.state();
        if ((state == ResourceState.STOPPED || state == ResourceState.SUSPENDED) && resource.pendingAction() == null) {
            var start = new Button("Start", click -> act(() -> provisioning.start(resource.id(), null),
                    "'" + resource.name() + "' is starting."));
            start.setId("start-" + resource.id());
            var startFor = new Button("Start for…", click -> openStartFor(resource));
            startFor.setId("start-for-" + resource.id());
            actions.add(start, startFor);
        }
        if (state == ResourceState.RUNNING && resource.pendingAction() == null) {
            var stop = new Button("Stop", click -> act(() -> provisioning.stop(resource.id()),
                    "'" + resource.name() + "' is stopped."));
            stop.setId("stop-" + resource.id());
            actions.add(stop);
        }
        if (state != ResourceState.DELETED) {
            var delete = new Button("Delete", click -> confirmDelete(resource));
            delete.setId("delete-" + resource.id());
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(delete);
        }
        actions.getChildren().forEach(c -> ((Button) c).addThemeVariants(ButtonVariant.LUMO_SMALL));
        return actions;
    }

    private void openStartFor(ResourceView resource) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Start '" + resource.name() + "' for a while");
        var hours = new IntegerField("Hours");
        hours.setMin(1);
        hours.setMax(744);
        hours.setValue(2);
        hours.setStepButtonsVisible(true);
        hours.setHelperText("It stops by itself after this many hours; it is billed only while it runs.");
        var confirm = new Button("Start", click -> {
            var value = hours.getValue();
            if (value == null || value < 1 || value > 744) {
                hours.setInvalid(true);
                hours.setErrorMessage("From 1 to 744 hours (31 days).");
                return;
            }
            dialog.close();
            act(() -> provisioning.start(resource.id(), Duration.ofHours(value)),
                    "'" + resource.name() + "' runs for " + value + " h.");
        });
        confirm.setId("confirm-start-for");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(hours);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), confirm);
        dialog.open();
    }

    private void confirmDelete(ResourceView resource) {
        boolean container = resource.kind() == TemplateKind.CONTAINER;
        String text = "Deleting '" + resource.name() + "' cannot be undone. What it already cost stays in the ledger."
                + (container ? " Any apps inside this hosting plan are deleted with it." : "");
        Confirmation.openDestructive("Delete " + resource.name() + "?", text, "Delete",
                () -> act(() -> provisioning.delete(resource.id(), container), "'" + resource.name() + "' is deleted."));
    }

    private void act(Runnable action, String success) {
        try {
            action.run();
            Notification.show(success, 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException | ConflictException | NotFoundException | UpstreamException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

}
