/**
 * Who is asking and what they may do: role names, the signed-in principal, sign-in and lock-out,
 * personal API tokens and the filter chains for the UI and the REST API.
 * Where people are stored is not this module's business: it asks a {@link org.burnrate.security.PortalUserDirectory}.
 */
@NullMarked
@ApplicationModule(displayName = "Security")
package org.burnrate.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
