/**
 * Resources on screen: the catalog of a group with the quote shown before confirming, each
 * member's resources, and a group's resources and allowed templates for its admin.
 */
@NullMarked
package org.burnrate.provisioning.ui;

import org.jspecify.annotations.NullMarked;
