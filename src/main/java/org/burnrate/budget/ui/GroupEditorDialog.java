package org.burnrate.budget.ui;

import java.time.LocalDate;
import java.util.function.Consumer;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.ui.Dates;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupView;
import org.burnrate.ledger.BudgetExceededException;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;

/**
 * Creates a group or edits one. The rules of a group (a name, the end not before the start, …) are
 * {@link GroupDetails}'s; this dialog only converts what was typed and shows refusals on the fields.
 */
class GroupEditorDialog extends FormDialog {

    /** The group as the admin described it; {@code budget} is null when editing (it has its own action). */
    record Submission(GroupDetails details, @Nullable ConsumptionUnits budget) {
    }

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final DatePicker startDate = Dates.picker("Start date");
    final DatePicker endDate = Dates.picker("End date");
    final TextField budget = new TextField("Budget");
    final TextField defaultAllocation = new TextField("Default allocation per member");
    final Checkbox overcommit = new Checkbox("Overcommit: members may be promised more than the group budget");
    private final Binder<Draft> binder = new Binder<>();
    private final boolean creating;
    private final Consumer<Submission> onSave;

    static GroupEditorDialog create(Consumer<Submission> onSave) {
        var draft = new Draft();
        draft.defaultAllocation = ConsumptionUnits.ZERO;
        return new GroupEditorDialog(true, draft, onSave);
    }

    static GroupEditorDialog edit(GroupView group, Consumer<Submission> onSave) {
        var draft = new Draft();
        draft.name = group.name();
        draft.description = group.description();
        draft.startDate = group.startDate();
        draft.endDate = group.endDate();
        draft.defaultAllocation = group.defaultAllocation();
        draft.overcommit = group.overcommit();
        return new GroupEditorDialog(false, draft, onSave);
    }

    private GroupEditorDialog(boolean creating, Draft draft, Consumer<Submission> onSave) {
        super(creating ? "New group" : "Edit group", creating ? "Create" : "Save");
        this.creating = creating;
        this.onSave = onSave;
        setWidth("40em");

        name.setRequiredIndicatorVisible(true);
        name.setPlaceholder("e.g. CS101 Cloud Fundamentals");
        name.setMaxLength(GroupDetails.MAX_NAME);
        description.setMaxLength(GroupDetails.MAX_DESCRIPTION);
        endDate.setHelperText("Optional. At the end, the unused remainder returns to your budget.");
        budget.setRequiredIndicatorVisible(true);
        budget.setHelperText("Units taken from your group-admin budget.");
        budget.setSuffixComponent(new Span("units"));
        defaultAllocation.setSuffixComponent(new Span("units"));
        defaultAllocation.setHelperText(creating ? "What each member gets when added, unless you give another amount."
                : "Applies to members added from now on; existing members keep their allocation.");
        overcommit.setTooltipText("Consumption stays capped by the group budget either way.");
        budget.setVisible(creating);

        field("name", name);
        field("description", description);
        field("startDate", startDate);
        field("endDate", endDate);
        field("budget", budget);
        field("defaultAllocation", defaultAllocation);
        field("overcommit", overcommit);

        binder.forField(name).bind(d -> d.name, (d, value) -> d.name = value);
        binder.forField(description).bind(d -> d.description, (d, value) -> d.description = value);
        binder.forField(startDate).bind(d -> d.startDate, (d, value) -> d.startDate = value);
        binder.forField(endDate).bind(d -> d.endDate, (d, value) -> d.endDate = value);
        if (creating) {
            binder.forField(budget).withConverter(UnitsConverter.required())
                    .bind(d -> d.budget, (d, value) -> d.budget = value);
        }
        binder.forField(defaultAllocation).withConverter(UnitsConverter.required())
                .bind(d -> d.defaultAllocation, (d, value) -> d.defaultAllocation = value);
        binder.forField(overcommit).bind(d -> d.overcommit, (d, value) -> d.overcommit = value);
        binder.readBean(draft);

        var form = new FormLayout(name, description, startDate, endDate, budget, defaultAllocation, overcommit);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("28em", 2));
        form.setColspan(name, 2);
        form.setColspan(description, 2);
        form.setColspan(overcommit, 2);
        add(form);
    }

    @Override
    boolean handOver() {
        var draft = new Draft();
        if (!binder.writeBeanIfValid(draft) || draft.defaultAllocation == null || (creating && draft.budget == null)) {
            return false;
        }
        var details = new GroupDetails(draft.name, draft.description, draft.startDate, draft.endDate,
                draft.defaultAllocation, draft.overcommit);
        onSave.accept(new Submission(details, creating ? draft.budget : null));
        return true;
    }

    @Override
    @Nullable String fieldFor(RuntimeException refusal) {
        if (refusal instanceof BudgetExceededException) {
            return creating ? "budget" : null;
        }
        return super.fieldFor(refusal);
    }

    private static final class Draft {
        String name = "";
        String description = "";
        @Nullable LocalDate startDate;
        @Nullable LocalDate endDate;
        @Nullable ConsumptionUnits budget;
        @Nullable ConsumptionUnits defaultAllocation;
        boolean overcommit;
    }
}
