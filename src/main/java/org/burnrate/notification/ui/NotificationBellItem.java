package org.burnrate.notification.ui;

import org.burnrate.base.ui.NavbarItem;
import org.burnrate.notification.NotificationService;
import org.springframework.stereotype.Component;

/** Puts the bell into the main layout's navbar. */
@Component
class NotificationBellItem implements NavbarItem {

    private final NotificationService notifications;

    NotificationBellItem(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public com.vaadin.flow.component.Component create() {
        return new NotificationBell(notifications);
    }
}
