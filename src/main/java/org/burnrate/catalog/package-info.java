/**
 * What things cost: the currency and the value of one consumption unit (effective-dated), and,
 * as the catalog grows, resource templates with their versioned burn rates.
 */
@NullMarked
@ApplicationModule(displayName = "Catalog")
package org.burnrate.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
