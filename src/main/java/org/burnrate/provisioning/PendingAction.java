package org.burnrate.provisioning;

/** What was asked of the provider and is not confirmed yet. */
public enum PendingAction {
    CREATE, START, STOP, DELETE
}
