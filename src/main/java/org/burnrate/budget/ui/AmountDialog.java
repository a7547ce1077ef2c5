package org.burnrate.budget.ui;

import java.util.function.Consumer;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;

/** Asks for one new amount: a group's budget or a member's allocation. */
class AmountDialog extends FormDialog {

    final TextField amount;
    private final Binder<Draft> binder = new Binder<>();
    private final Consumer<ConsumptionUnits> onSave;

    AmountDialog(String title, String explanation, String label, String helper, ConsumptionUnits current,
            Consumer<ConsumptionUnits> onSave) {
        super(title, "Save");
        this.onSave = onSave;
        amount = new TextField(label);
        amount.setHelperText(helper);
        amount.setSuffixComponent(new Span("units"));
        amount.setWidthFull();
        amount.setRequiredIndicatorVisible(true);
        field("amount", amount);
        binder.forField(amount).withConverter(UnitsConverter.required())
                .bind(draft -> draft.amount, (draft, value) -> draft.amount = value);
        var draft = new Draft();
        draft.amount = current;
        binder.readBean(draft);
        add(new Paragraph(explanation), amount);
    }

    @Override
    boolean handOver() {
        var draft = new Draft();
        if (!binder.writeBeanIfValid(draft) || draft.amount == null) {
            return false;
        }
        onSave.accept(draft.amount);
        return true;
    }

    @Override
    @Nullable String fieldFor(RuntimeException refusal) {
        // Every refusal here is about the one amount.
        return "amount";
    }

    private static final class Draft {
        @Nullable ConsumptionUnits amount;
    }
}
