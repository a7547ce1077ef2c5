/**
 * The debit job on screen: the metering status view for system admins, with the lag, the
 * resources waiting, the last runs and a way to run it now.
 */
@NullMarked
package org.burnrate.metering.ui;

import org.jspecify.annotations.NullMarked;
