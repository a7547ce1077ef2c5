package org.burnrate.base.ui;

import com.vaadin.flow.component.Component;

/**
 * Something a module shows at the end of the main layout's navbar, such as the notification bell.
 * Modules contribute one as a Spring bean; the layout asks each for a fresh component, in
 * {@link org.springframework.core.annotation.Order} order, so this module need not know them.
 */
public interface NavbarItem {

    /** A new component for one layout instance (one browser tab). */
    Component create();
}
