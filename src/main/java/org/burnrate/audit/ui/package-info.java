@NullMarked
package org.burnrate.audit.ui;

import org.jspecify.annotations.NullMarked;
