@NullMarked
package org.burnrate.provisioning.api;

import org.jspecify.annotations.NullMarked;
