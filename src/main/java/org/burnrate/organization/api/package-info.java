@NullMarked
package org.burnrate.organization.api;

import org.jspecify.annotations.NullMarked;
