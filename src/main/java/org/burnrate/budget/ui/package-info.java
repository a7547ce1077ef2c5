@NullMarked
package org.burnrate.budget.ui;

import org.jspecify.annotations.NullMarked;
