package org.burnrate.catalog;

/** What happens when the next span cannot be covered and any grace is spent. Nothing is ever deleted. */
public enum ExhaustionAction {
    STOP("Stop the resource"),
    SUSPEND("Suspend it until budget is added"),
    NOTIFY_ONLY("Only notify");

    private final String label;

    ExhaustionAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
