/**
 * A small, believable institution for trying the portal out: seeded on the default (embedded H2)
 * profile into an empty database, never on PostgreSQL unless {@code portal.demo=true}.
 */
@NullMarked
@ApplicationModule(displayName = "Demo data")
package org.burnrate.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
