/**
 * What things cost, on screen, for system admins: the currency and the value of one unit, and the
 * resource templates with their versioned burn rates. {@link org.burnrate.catalog.ui.MoneyText}
 * is shared with other modules' views.
 */
@NullMarked
package org.burnrate.catalog.ui;

import org.jspecify.annotations.NullMarked;
