/**
 * People: who may sign in, their display names, passwords and global roles (system admin, group
 * admin). Groups and their roles are added by the modules that own groups.
 */
@NullMarked
@ApplicationModule(displayName = "Organization")
package org.burnrate.organization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
