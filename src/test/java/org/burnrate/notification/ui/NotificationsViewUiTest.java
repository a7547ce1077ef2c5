package org.burnrate.notification.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.burnrate.notification.NotificationService;
import org.burnrate.notification.Notifications;
import org.burnrate.organization.People;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.RouterLinkKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;

class NotificationsViewUiTest extends UiTest {

    @Autowired
    Notifications notifications;
    @Autowired
    NotificationService service;
    @Autowired
    People people;

    @Test
    void theBellCountsTheUnreadAndLeadsToTheList() {
        String student = newPerson("student", Set.of());
        long id = people.findByEmail(student).orElseThrow().id();
        notifications.notify(id, "budget.threshold", "CS101: 50 % spent", "Half of your allocation is spent.", null);
        notifications.notify(id, "budget.threshold", "CS101: 80 % spent", "Most of your allocation is spent.", null);
        signInAs(student);

        UI.getCurrent().navigate("");
        var bell = _get(NotificationBell.class);
        assertThat(bell.count.isVisible()).isTrue();
        assertThat(bell.count.getText()).isEqualTo("2");
        assertThat(bell.getElement().getAttribute("aria-label")).isEqualTo("Notifications, 2 unread");

        RouterLinkKt._click(bell);
        assertThat(_get(NotificationsView.class)).isNotNull();
    }

    @Test
    void theListShowsTheNewestFirstAndMarkingAllReadEmptiesTheBell() {
        String student = newPerson("student", Set.of());
        long id = people.findByEmail(student).orElseThrow().id();
        notifications.notify(id, "budget.threshold", "Older", "First.", null);
        clock.advance(Duration.ofMinutes(1));
        notifications.notify(id, "resource.stopped", "Newer", "Second.", null);
        signInAs(student);

        UI.getCurrent().navigate(NotificationsView.class);
        var view = _get(NotificationsView.class);
        assertThat(_size(view.grid)).isEqualTo(2);
        assertThat(_get(view.grid, 0).title()).isEqualTo("Newer");
        assertThat(_get(view.grid, 1).title()).isEqualTo("Older");
        assertThat(view.unread.getText()).isEqualTo("2 unread");
        var bell = _get(NotificationBell.class);
        assertThat(bell.count.getText()).isEqualTo("2");

        _click(view.markAllRead);

        assertThat(bell.count.isVisible()).isFalse();
        assertThat(view.unread.getText()).isEqualTo("All read");
        assertThat(view.markAllRead.isEnabled()).isFalse();
        assertThat(_get(view.grid, 0).read()).isTrue();
        assertThat(service.unreadCount()).isZero();
    }

    @Test
    void oneNotificationIsMarkedReadFromItsRow() {
        String student = newPerson("student", Set.of());
        long id = people.findByEmail(student).orElseThrow().id();
        notifications.notify(id, "t", "Only", "One.", null);
        signInAs(student);

        UI.getCurrent().navigate(NotificationsView.class);
        var view = _get(NotificationsView.class);
        _click((Button) _getCellComponent(view.grid, 0, "status"));

        assertThat(_get(view.grid, 0).read()).isTrue();
        assertThat(_get(NotificationBell.class).count.isVisible()).isFalse();
        assertThat(service.unreadCount()).isZero();
    }

    @Test
    void theEmailCheckboxSwitchesThePreference() {
        signInAs(newPerson("student", Set.of()));

        UI.getCurrent().navigate(NotificationsView.class);
        var view = _get(NotificationsView.class);
        assertThat(view.email.getValue()).isTrue();

        _setValue(view.email, false);
        assertThat(service.emailEnabled()).isFalse();
        _setValue(view.email, true);
        assertThat(service.emailEnabled()).isTrue();
    }

    @Test
    void aNewPersonIsToldThereIsNothingYet() {
        signInAs(newPerson("student", Set.of()));

        UI.getCurrent().navigate(NotificationsView.class);
        var view = _get(NotificationsView.class);

        assertThat(_size(view.grid)).isZero();
        assertThat(view.grid.getEmptyStateText())
                .isEqualTo("Nothing yet. You are told here when a budget runs low or a resource is stopped.");
        assertThat(view.unread.getText()).isEqualTo("All read");
        assertThat(_get(NotificationBell.class).count.isVisible()).isFalse();
    }
}
