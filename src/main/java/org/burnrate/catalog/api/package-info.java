@NullMarked
package org.burnrate.catalog.api;

import org.jspecify.annotations.NullMarked;
