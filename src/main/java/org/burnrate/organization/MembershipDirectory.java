package org.burnrate.organization;

import java.util.List;

/**
 * Lets the module that owns groups add the caller's memberships to {@code GET /api/v1/me} without
 * this module depending on it.
 */
public interface MembershipDirectory {

    /** The signed-in caller's memberships, as the API shows them. */
    List<?> membershipsOfCurrentUser();
}
