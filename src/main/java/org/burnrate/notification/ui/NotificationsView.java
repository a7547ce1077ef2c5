package org.burnrate.notification.ui;

import jakarta.annotation.security.PermitAll;

import org.burnrate.base.ui.Dates;
import org.burnrate.notification.NotificationService;
import org.burnrate.notification.NotificationSummary;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** Everyone's own notifications, newest first, and whether they also come by email. */
@Route("notifications")
@PageTitle("Notifications · Burnrate")
@Menu(title = "Notifications", order = 98, icon = "vaadin:bell")
@PermitAll
public class NotificationsView extends Div {

    static final String EMPTY = "Nothing yet. You are told here when a budget runs low or a resource is stopped.";

    private final NotificationService notifications;

    final Span unread = new Span();
    final Button markAllRead = new Button("Mark all read", VaadinIcon.CHECK.create());
    final Checkbox email = new Checkbox("Also send these to me by email");
    final Grid<NotificationSummary> grid = new Grid<>();

    NotificationsView(NotificationService notifications) {
        this.notifications = notifications;
        addClassName("portal-view");

        markAllRead.addClickListener(click -> {
            notifications.markAllRead();
            changed();
        });
        email.setValue(notifications.emailEnabled());
        if (!notifications.emailConfigured()) {
            email.setHelperText("This portal has no mail server set up yet, so nothing is sent for now.");
        }
        email.addValueChangeListener(change -> notifications.setEmailEnabled(change.getValue()));
        var toolbar = new HorizontalLayout(unread, markAllRead, email);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.addClassName("portal-toolbar");

        grid.addColumn(notification -> Dates.minute(notification.createdAt())).setHeader("When")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(NotificationSummary::title).setHeader("Title").setFlexGrow(1);
        grid.addColumn(NotificationSummary::body).setHeader("Message").setFlexGrow(3);
        grid.addComponentColumn(this::status).setHeader("").setKey("status").setAutoWidth(true).setFlexGrow(0);
        grid.setPartNameGenerator(notification -> notification.read() ? null : "unread");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(EMPTY);
        grid.setItemsPageable(pageable -> notifications.page(pageable).getContent());
        grid.setSizeFull();
        add(toolbar, grid);
        showUnread();
    }

    private Component status(NotificationSummary notification) {
        if (notification.read()) {
            var read = new Span("Read");
            read.addClassName("portal-muted");
            return read;
        }
        var markRead = new Button("Mark read", click -> {
            notifications.markRead(notification.id());
            changed();
        });
        markRead.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return markRead;
    }

    /** Shows the new state here and lets the bell in the navbar count again. */
    private void changed() {
        grid.getDataProvider().refreshAll();
        showUnread();
        getUI().ifPresent(ui -> ComponentUtil.fireEvent(ui, new NotificationsChanged(ui)));
    }

    private void showUnread() {
        long count = notifications.unreadCount();
        unread.setText(count == 0 ? "All read" : count + " unread");
        markAllRead.setEnabled(count > 0);
    }
}
