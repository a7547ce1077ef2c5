@NullMarked
package org.burnrate.organization.ui;

import org.jspecify.annotations.NullMarked;
