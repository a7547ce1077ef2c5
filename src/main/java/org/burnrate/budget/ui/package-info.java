/**
 * The budget hierarchy on screen: the organization pool and group admins for system admins, groups
 * and their members for group admins and managers, and each member's own budgets.
 */
@NullMarked
package org.burnrate.budget.ui;

import org.jspecify.annotations.NullMarked;
