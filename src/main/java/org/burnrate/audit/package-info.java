/**
 * The audit log: who changed which budget, role or setting, when, and from what to what.
 * Other modules record into it; system admins read it.
 */
@NullMarked
@ApplicationModule(displayName = "Audit")
package org.burnrate.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
