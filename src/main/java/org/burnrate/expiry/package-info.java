/**
 * Time-bound budgets enforced by the scheduler: reminders before a group's end date and before a
 * group-admin budget's period end, and, from the day after, its running resources stopped, what
 * they owe debited, and the unused remainder returned up the chain, with the people concerned told.
 */
@NullMarked
@ApplicationModule(displayName = "Expiry")
package org.burnrate.expiry;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
