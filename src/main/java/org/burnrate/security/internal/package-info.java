@NullMarked
package org.burnrate.security.internal;

import org.jspecify.annotations.NullMarked;
