@NullMarked
package org.burnrate.security.ui;

import org.jspecify.annotations.NullMarked;
