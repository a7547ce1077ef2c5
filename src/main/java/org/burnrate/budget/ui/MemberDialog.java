package org.burnrate.budget.ui;

import java.util.function.Consumer;

import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.NotFoundException;
import org.burnrate.budget.MemberRole;
import org.burnrate.ledger.BudgetExceededException;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;

/** Adds an existing person to a group, with the group's default allocation unless another is given. */
class MemberDialog extends FormDialog {

    /** Who joins, with what; a null allocation means the group's default. */
    record NewMember(String email, @Nullable ConsumptionUnits allocation, MemberRole role) {
    }

    final EmailField email = new EmailField("Email");
    final TextField allocation = new TextField("Allocation");
    final Select<MemberRole> role = new Select<>();
    private final Binder<Draft> binder = new Binder<>();
    private final Consumer<NewMember> onSave;

    MemberDialog(String groupName, ConsumptionUnits defaultAllocation, Consumer<NewMember> onSave) {
        super("Add member to " + groupName, "Add");
        this.onSave = onSave;
        email.setHelperText("An existing person; they sign in with this email.");
        allocation.setPlaceholder(UnitsConverter.plain(defaultAllocation));
        allocation.setHelperText("Leave empty for the group's default of " + defaultAllocation + " units.");
        allocation.setSuffixComponent(new Span("units"));
        role.setLabel("Role");
        role.setItems(MemberRole.values());
        role.setItemLabelGenerator(BudgetTexts::role);
        role.setHelperText("A manager (for example a teaching assistant) also manages the members of this group.");
        field("email", email);
        field("allocation", allocation);
        field("budget", allocation);
        field("role", role);

        binder.forField(email).asRequired("Enter the email of the person to add.")
                .bind(d -> d.email, (d, value) -> d.email = value);
        binder.forField(allocation).withConverter(UnitsConverter.optional())
                .bind(d -> d.allocation, (d, value) -> d.allocation = value);
        binder.forField(role).asRequired("Choose a role.").bind(d -> d.role, (d, value) -> d.role = value);
        binder.readBean(new Draft());

        var form = new FormLayout(email, allocation, role);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
    }

    @Override
    boolean handOver() {
        var draft = new Draft();
        if (!binder.writeBeanIfValid(draft)) {
            return false;
        }
        onSave.accept(new NewMember(draft.email.strip(), draft.allocation, draft.role));
        return true;
    }

    @Override
    @Nullable String fieldFor(RuntimeException refusal) {
        if (refusal instanceof BudgetExceededException) {
            return "allocation";
        }
        if (refusal instanceof NotFoundException || refusal instanceof ConflictException) {
            return "email";
        }
        return super.fieldFor(refusal);
    }

    private static final class Draft {
        String email = "";
        @Nullable ConsumptionUnits allocation;
        MemberRole role = MemberRole.MEMBER;
    }
}
