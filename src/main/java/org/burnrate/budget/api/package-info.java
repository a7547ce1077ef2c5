@NullMarked
package org.burnrate.budget.api;

import org.jspecify.annotations.NullMarked;
