package org.burnrate.budget.ui;

import java.time.LocalDate;
import java.util.function.Consumer;

import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.NotFoundException;
import org.burnrate.base.ui.Dates;
import org.burnrate.budget.GroupAdminView;
import org.burnrate.ledger.BudgetExceededException;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;

/** Appoints a person as group admin with a budget from the pool, or changes an appointed admin's budget and period. */
class GroupAdminDialog extends FormDialog {

    /** What the system admin decided. */
    record Appointment(String email, ConsumptionUnits budget, @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd) {
    }

    final EmailField email = new EmailField("Email");
    final TextField budget = new TextField("Budget");
    final DatePicker periodStart = Dates.picker("Period start");
    final DatePicker periodEnd = Dates.picker("Period end");
    private final Binder<Draft> binder = new Binder<>();
    private final Consumer<Appointment> onSave;

    /** For appointing a new group admin. */
    static GroupAdminDialog appoint(Consumer<Appointment> onSave) {
        return new GroupAdminDialog("Appoint group admin", "Appoint", new Draft(), onSave);
    }

    /** For changing an appointed group admin's budget or period. */
    static GroupAdminDialog change(GroupAdminView admin, Consumer<Appointment> onSave) {
        var draft = new Draft();
        draft.email = admin.email();
        draft.budget = admin.budget().allocated();
        draft.periodStart = admin.periodStart();
        draft.periodEnd = admin.periodEnd();
        var dialog = new GroupAdminDialog("Change budget of " + admin.displayName(), "Save", draft, onSave);
        dialog.email.setReadOnly(true);
        var floor = admin.budget().allocatedToChildren().max(admin.budget().consumed().plus(admin.budget().held()));
        dialog.budget.setHelperText("Currently " + admin.budget().allocated() + ". It cannot go below the " + floor
                + " units already given to groups or used.");
        return dialog;
    }

    private GroupAdminDialog(String title, String saveText, Draft draft, Consumer<Appointment> onSave) {
        super(title, saveText);
        this.onSave = onSave;
        email.setHelperText("An existing person; create them under Users first.");
        budget.setHelperText("Units taken from the organization pool, for example 2000.");
        budget.setSuffixComponent(new Span("units"));
        periodStart.setHelperText("Optional.");
        periodEnd.setHelperText("Optional. At the end, the unused remainder returns to the pool.");
        field("email", email);
        field("budget", budget);
        field("periodStart", periodStart);
        field("periodEnd", periodEnd);

        binder.forField(email).asRequired("Enter the email of the person to appoint.")
                .bind(d -> d.email, (d, value) -> d.email = value);
        binder.forField(budget).asRequired("Enter a budget, for example 2000.")
                .withConverter(UnitsConverter.required())
                .bind(d -> d.budget, (d, value) -> d.budget = value);
        binder.forField(periodStart).bind(d -> d.periodStart, (d, value) -> d.periodStart = value);
        binder.forField(periodEnd).bind(d -> d.periodEnd, (d, value) -> d.periodEnd = value);
        binder.readBean(draft);

        var form = new FormLayout(email, budget, periodStart, periodEnd);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("24em", 2));
        form.setColspan(email, 2);
        form.setColspan(budget, 2);
        add(form);
    }

    @Override
    boolean handOver() {
        var draft = new Draft();
        if (!binder.writeBeanIfValid(draft) || draft.budget == null) {
            return false;
        }
        onSave.accept(new Appointment(draft.email.strip(), draft.budget, draft.periodStart, draft.periodEnd));
        return true;
    }

    @Override
    @Nullable String fieldFor(RuntimeException refusal) {
        if (refusal instanceof BudgetExceededException) {
            return "budget";
        }
        if (refusal instanceof NotFoundException || refusal instanceof ConflictException) {
            return email.isReadOnly() ? null : "email";
        }
        var field = super.fieldFor(refusal);
        // The ledger's refusals name no field; here they are always about the amount.
        return field == null ? "budget" : field;
    }

    private static final class Draft {
        String email = "";
        @Nullable ConsumptionUnits budget;
        @Nullable LocalDate periodStart;
        @Nullable LocalDate periodEnd;
    }
}
