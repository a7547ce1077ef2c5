package org.burnrate.catalog;

/** How a template is charged: per started span of time, or per operation the provider reports. */
public enum Billing {
    TIME("Per time span"),
    PER_OPERATION("Per operation");

    private final String label;

    Billing(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
