/**
 * Shared kernel: the clock, the errors every module may raise, the REST error mapping and the
 * application layout. Every other module may depend on it; it depends on none of them.
 */
@NullMarked
@ApplicationModule(displayName = "Base")
package org.burnrate.base;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
