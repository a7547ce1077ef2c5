/**
 * Resources made from templates: quotes, holds, the lifecycle with its provider-confirmed state
 * history (the debit job's input), hosting plans with their child apps, shared resources, and the
 * pluggable providers that do the work (simulated by default, or a signed webhook).
 */
@NullMarked
@ApplicationModule(displayName = "Provisioning")
package org.burnrate.provisioning;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
