package org.burnrate.provisioning;

import java.util.EnumSet;
import java.util.Set;

/** Where a resource is in its life. Only time confirmed in {@link #RUNNING} is billable at the running rate. */
public enum ResourceState {
    REQUESTED("Requested"),
    PROVISIONING("Provisioning"),
    RUNNING("Running"),
    STOPPED("Stopped"),
    SUSPENDED("Suspended (budget)"),
    FAILED("Failed"),
    DELETED("Deleted");

    private final String label;

    ResourceState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The transitions a provider may confirm or a person may ask for; everything else is refused. */
    public boolean canBecome(ResourceState next) {
        return next(this).contains(next);
    }

    public boolean isLive() {
        return this != DELETED && this != FAILED;
    }

    private static Set<ResourceState> next(ResourceState from) {
        return switch (from) {
            case REQUESTED -> EnumSet.of(PROVISIONING, RUNNING, STOPPED, FAILED, DELETED);
            case PROVISIONING -> EnumSet.of(RUNNING, STOPPED, FAILED, DELETED);
            case RUNNING -> EnumSet.of(STOPPED, SUSPENDED, FAILED, DELETED);
            case STOPPED -> EnumSet.of(RUNNING, FAILED, DELETED);
            case SUSPENDED -> EnumSet.of(RUNNING, STOPPED, FAILED, DELETED);
            case FAILED -> EnumSet.of(DELETED);
            case DELETED -> EnumSet.noneOf(ResourceState.class);
        };
    }
}
