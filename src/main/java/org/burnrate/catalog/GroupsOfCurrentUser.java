package org.burnrate.catalog;

import java.util.Set;

/**
 * The groups the caller belongs to, provided by the module that owns groups, so that members see
 * the templates their groups allow without this module depending on groups.
 */
public interface GroupsOfCurrentUser {

    Set<Long> groupIds();
}
