/** The bell in the main layout's navbar and the list of one's own notifications. */
@NullMarked
package org.burnrate.notification.ui;

import org.jspecify.annotations.NullMarked;
