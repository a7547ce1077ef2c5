/** Cross-cutting REST concerns: problem-details error mapping and request logging. */
@NullMarked
package org.burnrate.base.api;

import org.jspecify.annotations.NullMarked;
