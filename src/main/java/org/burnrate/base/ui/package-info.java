/** The application shell, the main layout and small components shared by the views of every module. */
@NullMarked
@NamedInterface("ui")
package org.burnrate.base.ui;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
