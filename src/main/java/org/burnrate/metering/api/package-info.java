/** The debit job over HTTP: run it now, read its status. */
@NullMarked
package org.burnrate.metering.api;

import org.jspecify.annotations.NullMarked;
