package org.burnrate.catalog;

/** What a template makes: a resource of its own, a container (a hosting plan), or a child that lives in one. */
public enum TemplateKind {
    STANDALONE("Standalone"),
    CONTAINER("Container (hosting plan)"),
    CHILD("Child (lives in a container)");

    private final String label;

    TemplateKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
