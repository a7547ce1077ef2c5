package org.burnrate.budget;

/** A person's role inside one group. */
public enum MemberRole {
    /** Provisions resources from the group's templates within their allocation. */
    MEMBER,
    /** A teaching assistant: also manages the group's members and their allocations. */
    MANAGER
}
