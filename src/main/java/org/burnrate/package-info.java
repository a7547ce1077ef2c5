@NullMarked
package org.burnrate;

import org.jspecify.annotations.NullMarked;
