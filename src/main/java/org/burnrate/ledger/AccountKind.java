package org.burnrate.ledger;

/** The four levels of the budget hierarchy, root first. */
public enum AccountKind {
    ORGANIZATION("organization pool"),
    GROUP_ADMIN("group-admin budget"),
    GROUP("group"),
    MEMBERSHIP("member allocation");

    private final String label;

    AccountKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
