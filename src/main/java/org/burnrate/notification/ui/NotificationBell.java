package org.burnrate.notification.ui;

import org.burnrate.notification.NotificationService;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;

/**
 * The bell in the navbar: a link to the notifications page with the number of unread ones, hidden
 * when there are none. It counts again on every navigation and when notifications are read in this tab.
 */
class NotificationBell extends RouterLink implements AfterNavigationObserver {

    private final NotificationService notifications;
    final Span count = new Span();
    private Registration changes = () -> { };

    NotificationBell(NotificationService notifications) {
        super(NotificationsView.class);
        this.notifications = notifications;
        setId("notification-bell");
        addClassName("portal-bell");
        count.addClassName("portal-bell-count");
        var icon = VaadinIcon.BELL.create();
        icon.addClassName("portal-bell-icon");
        add(icon, count);
        show(0);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        changes = ComponentUtil.addListener(attachEvent.getUI(), NotificationsChanged.class, changed -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        changes.remove();
    }

    void refresh() {
        show(notifications.unreadCount());
    }

    private void show(long unread) {
        count.setText(unread > 99 ? "99+" : Long.toString(unread));
        count.setVisible(unread > 0);
        String label = unread == 0 ? "Notifications" : "Notifications, " + unread + " unread";
        getElement().setAttribute("aria-label", label);
        getElement().setAttribute("title", label);
    }
}
