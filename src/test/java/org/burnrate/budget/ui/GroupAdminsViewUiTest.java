package org.burnrate.budget.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.IntStream;

import org.burnrate.organization.GlobalRole;
import org.burnrate.support.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

class GroupAdminsViewUiTest extends BudgetUiTest {

    String sysadmin;
    GroupAdminsView view;

    @BeforeEach
    void systemAdmin() {
        sysadmin = newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
    }

    /** Opens the view as the system admin, after the test has set up its data. */
    void open() {
        signInAs(sysadmin);
        UI.getCurrent().navigate(GroupAdminsView.class);
        view = _get(GroupAdminsView.class);
    }

    @AfterEach
    void poolStaysUnlimitedForOtherTests() {
        signInAs(sysadmin);
        administration.setPoolTotal(null);
        SignIn.out();
    }

    @Test
    void appointingAGroupAdminThroughTheDialogShowsThemInTheGridWithTheirBudget() {
        String instructor = newPerson("instructor", Set.of());
        open();
        _click(_get(Button.class, spec -> spec.withId("appoint-group-admin")));
        var dialog = _get(GroupAdminDialog.class);

        _setValue(dialog.email, instructor);
        _setValue(dialog.budget, "1500");
        _setValue(dialog.periodStart, LocalDate.of(2026, 9, 1));
        _setValue(dialog.periodEnd, LocalDate.of(2027, 1, 31));
        _click(dialog.save);

        assertThat(_find(GroupAdminDialog.class)).isEmpty();
        expectNotifications("The instructor is now a group admin with 1500.0000 units.");
        int row = rowOf(instructor);
        assertThat(_get(view.grid, row).budget().allocated()).isEqualTo(units("1500"));
        assertThat(_getCellComponent(view.grid, row, "usage")).isInstanceOfSatisfying(BudgetBar.class,
                bar -> assertThat(bar.text()).startsWith(
                        "consumed 0.0000 · held 0.0000 · allocated 0.0000 of 1500.0000 · remaining 1500.0000"));
        assertThat(_getFormattedRow(view.grid, row)).containsSequence(instructor, "2026-09-01 – 2027-01-31",
                "1500.0000");
    }

    @Test
    void appointingSomebodyUnknownIsRefusedOnTheEmailFieldAndTheDialogStaysOpen() {
        open();
        int before = _size(view.grid);
        _click(_get(Button.class, spec -> spec.withId("appoint-group-admin")));
        var dialog = _get(GroupAdminDialog.class);

        _setValue(dialog.email, "nobody-here@ui.test");
        _setValue(dialog.budget, "100");
        _click(dialog.save);

        assertThat(dialog.email.isInvalid()).isTrue();
        assertThat(dialog.email.getErrorMessage()).contains("Create them under Users first");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(_size(view.grid)).isEqualTo(before);
    }

    @Test
    void changingABudgetUpdatesTheRow() {
        String instructor = newGroupAdmin("1000");
        open();

        _click(_get(_getCellComponent(view.grid, rowOf(instructor), "actions"), Button.class,
                spec -> spec.withText("Change budget")));
        var dialog = _get(GroupAdminDialog.class);
        assertThat(dialog.budget.getValue()).isEqualTo("1000");
        _setValue(dialog.budget, "1250.5");
        _click(dialog.save);

        assertThat(_get(view.grid, rowOf(instructor)).budget().allocated()).isEqualTo(units("1250.5"));
    }

    @Test
    void removingAGroupAdminAsksFirstAndSaysWhatReturnsToThePoolAndWhichGroupsClose() {
        String instructor = newGroupAdmin("1000");
        newGroup(instructor, "CS101 Cloud Fundamentals", "300", "50", false);
        open();

        _click(_get(_getCellComponent(view.grid, rowOf(instructor), "actions"), Button.class,
                spec -> spec.withText("Remove")));
        var confirm = _get(ConfirmDialog.class);

        assertThat(ConfirmDialogKt._getText(confirm))
                .contains("1000.0000 units")
                .contains("returns to the organization pool")
                .contains("'CS101 Cloud Fundamentals'");
        assertThat(rowOf(instructor)).isNotNegative();

        ConfirmDialogKt._fireConfirm(confirm);

        expectNotifications("The instructor is no longer a group admin; 1000.0000 units returned to the pool.");
        assertThat(rowOf(instructor)).isNegative();
    }

    @Test
    void thePoolTotalCanBeSetAndClearedAgain() {
        newGroupAdmin("700");
        open();
        var handedOut = administration.pool().allocatedToChildren();
        assertThat(view.poolBar.text()).endsWith("unlimited (no total set)");

        _setValue(view.poolTotal, handedOut.plus(units("500")).toString());
        _click(view.savePoolTotal);

        assertThat(view.poolBar.text()).contains("of " + handedOut.plus(units("500"))).contains("remaining 500.0000");

        _setValue(view.poolTotal, "a lot");
        _click(view.savePoolTotal);
        assertThat(view.poolTotal.isInvalid()).isTrue();
        assertThat(view.poolTotal.getErrorMessage()).contains("is not a number of units");

        _setValue(view.poolTotal, "");
        _click(view.savePoolTotal);
        assertThat(view.poolBar.text()).endsWith("unlimited (no total set)");
    }

    private int rowOf(String email) {
        return IntStream.range(0, _size(view.grid)).filter(i -> _get(view.grid, i).email().equals(email)).findFirst()
                .orElse(-1);
    }
}
