package org.burnrate.budget.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetSummary;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * One budget at a glance: a horizontal bar split into consumed, held, handed on to the level below
 * and remaining, with the exact figures underneath. An overcommitted budget (more promised to the
 * level below than it holds) says so in words, not only in colour.
 */
class BudgetBar extends Div {

    private final @Nullable String childrenNoun;
    private final Div track = new Div();
    private final Div consumedPart = segment("consumed");
    private final Div heldPart = segment("held");
    private final Div allocatedPart = segment("allocated");
    private final Div remainingPart = segment("remaining");
    /** Where the total ends when more was promised than it holds. */
    private final Div totalMarker = new Div();
    final Span legend = new Span();
    final Span warning = new Span();
    private String text = "";
    private java.util.Optional<org.burnrate.catalog.UnitValue> unitValue = java.util.Optional.empty();

    /**
     * @param childrenNoun what the level below is called ("members", "groups", "group admins"), or
     *                     null for an allocation that funds nobody below it
     */
    BudgetBar(@Nullable String childrenNoun) {
        this.childrenNoun = childrenNoun;
        addClassName("budget-bar");
        track.addClassName("budget-bar-track");
        track.getElement().setAttribute("role", "img");
        totalMarker.addClassName("budget-bar-total");
        track.add(consumedPart, heldPart, allocatedPart, remainingPart, totalMarker);
        legend.addClassName("budget-bar-legend");
        warning.addClassName("budget-bar-warning");
        add(track, legend, warning);
    }

    BudgetBar(@Nullable String childrenNoun, BudgetSummary summary) {
        this(childrenNoun);
        show(summary);
    }

    BudgetBar withFigures(BudgetSummary summary) {
        show(summary);
        return this;
    }

    /** Shows what the remaining units are worth in the currency, beside them. */
    BudgetBar money(java.util.Optional<org.burnrate.catalog.UnitValue> value) {
        this.unitValue = value;
        return this;
    }

    void show(BudgetSummary summary) {
        var total = summary.allocated();
        var consumed = summary.consumed();
        var held = summary.held();
        var promised = summary.allocatedToChildren();
        // Consumption happens at the leaves, so what the level below used is part of what it was promised.
        var promisedUnused = promised.minus(consumed).minus(held).max(ConsumptionUnits.ZERO);
        var used = consumed.plus(held).plus(promisedUnused);
        boolean unlimited = summary.available() == null;
        var remaining = unlimited ? ConsumptionUnits.ZERO : total.minus(used).max(ConsumptionUnits.ZERO);
        var scale = unlimited ? used : total.max(used);

        width(consumedPart, consumed, scale);
        width(heldPart, held, scale);
        width(allocatedPart, promisedUnused, scale);
        width(remainingPart, remaining, scale);
        if (childrenNoun == null) {
            allocatedPart.setVisible(false);
        }

        showLegend(summary, unlimited, remaining);
        track.getElement().setAttribute("aria-label", text);
        track.getElement().setAttribute("title", text);

        boolean overcommitted = !unlimited && promised.exceeds(total);
        setClassName("budget-bar-overcommitted", overcommitted);
        setClassName("budget-bar-unlimited", unlimited);
        totalMarker.setVisible(overcommitted);
        if (overcommitted) {
            totalMarker.getStyle().set("left", percent(total, scale).toPlainString() + "%");
            totalMarker.getElement().setAttribute("title", "total " + total);
        }
        warning.setVisible(overcommitted);
        warning.setText(overcommitted ? "Overcommitted: " + (childrenNoun == null ? "the level below" : childrenNoun)
                + " were promised " + promised + " of " + total + "." : "");
    }

    /** The exact figures, each with the colour key of its part of the bar. */
    private void showLegend(BudgetSummary summary, boolean unlimited, ConsumptionUnits remaining) {
        legend.removeAll();
        key("consumed", "consumed " + summary.consumed());
        legend.add(new Span(" · "));
        key("held", "held " + summary.held());
        if (childrenNoun != null) {
            legend.add(new Span(" · "));
            key("allocated", "allocated " + summary.allocatedToChildren());
        }
        if (unlimited) {
            legend.add(new Span(" · unlimited (no total set)"));
        } else {
            legend.add(new Span(" of " + summary.allocated() + " · "));
            key("remaining", "remaining " + remaining + unitValue.map(value -> " ("
                    + org.burnrate.catalog.ui.MoneyText.money(remaining, value) + ")").orElse(""));
        }
        text = legend.getElement().getTextRecursively();
    }

    private void key(String kind, String figure) {
        var key = new Span(figure);
        key.addClassNames("budget-bar-key", "budget-bar-key-" + kind);
        legend.add(key);
    }

    /** The legend as one line of text, as a screen reader reads the bar. */
    String text() {
        return text;
    }

    private static Div segment(String kind) {
        var part = new Div();
        part.addClassNames("budget-bar-part", "budget-bar-" + kind);
        part.getElement().setAttribute("title", kind);
        return part;
    }

    private static void width(Div part, ConsumptionUnits amount, ConsumptionUnits scale) {
        part.getStyle().set("width", percent(amount, scale).toPlainString() + "%");
        part.setVisible(amount.isPositive());
    }

    private static BigDecimal percent(ConsumptionUnits amount, ConsumptionUnits scale) {
        return scale.isPositive()
                ? amount.value().multiply(BigDecimal.valueOf(100)).divide(scale.value(), 2, RoundingMode.HALF_UP)
                : BigDecimal.ZERO;
    }
}
