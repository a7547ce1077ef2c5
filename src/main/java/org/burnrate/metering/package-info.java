/**
 * The debit job: for every resource that may owe something, what its confirmed history owes up to
 * now, minus what is already written, written as explained ledger lines in chunks that commit on
 * their own. Re-runs, concurrent nodes and catch-up after downtime write exactly what is owed.
 */
@NullMarked
@ApplicationModule(displayName = "Metering")
package org.burnrate.metering;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
