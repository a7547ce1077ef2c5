package org.burnrate.budget.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNoNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.burnrate.budget.GroupView;
import org.burnrate.budget.MemberRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.router.RouteParameters;

class GroupDetailViewUiTest extends BudgetUiTest {

    String instructor;
    GroupView group;

    @BeforeEach
    void aGroup() {
        instructor = newGroupAdmin("2000");
        group = newGroup(instructor, "CS101 Cloud Fundamentals", "1000", "100", false);
    }

    GroupDetailView open(String who) {
        signInAs(who);
        UI.getCurrent().navigate(GroupDetailView.class,
                new RouteParameters(GroupDetailView.GROUP_ID, String.valueOf(group.id())));
        return _get(GroupDetailView.class);
    }

    @Test
    void addingAMemberByEmailShowsThemInTheGridWithTheDefaultAllocation() {
        String student = newPerson("student", Set.of());
        var view = open(instructor);
        assertThat(_get(H1.class).getText()).isEqualTo("CS101 Cloud Fundamentals");
        assertThat(_size(view.grid)).isZero();

        _click(view.addMember);
        var dialog = _get(MemberDialog.class);
        _setValue(dialog.email, student);
        _click(dialog.save);

        assertThat(_find(MemberDialog.class)).isEmpty();
        expectNotifications("The student was added with 100.0000 units.");
        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(_get(view.grid, 0).email()).isEqualTo(student);
        assertThat(_getFormatted(view.grid, 0, "allocation")).isEqualTo("100.0000");
        assertThat(_getFormatted(view.grid, 0, "role")).isEqualTo("Member");
        assertThat(view.bar.text()).contains("allocated 100.0000 of 1000.0000");
    }

    @Test
    void changingAnAllocationUpdatesTheFiguresAndTooMuchIsRefusedOnTheField() {
        memberships.add(group.id(), newPerson("student", Set.of()), null, MemberRole.MEMBER);
        var view = open(instructor);

        _click(_get(_getCellComponent(view.grid, 0, "actions"), Button.class,
                spec -> spec.withText("Change allocation")));
        var dialog = _get(AmountDialog.class);
        _setValue(dialog.amount, "5000");
        _click(dialog.save);

        assertThat(dialog.amount.isInvalid()).isTrue();
        assertThat(dialog.amount.getErrorMessage()).contains("short by 4000.0000");
        assertThat(dialog.isOpened()).isTrue();

        _setValue(dialog.amount, "250");
        _click(dialog.save);

        assertThat(_find(AmountDialog.class)).isEmpty();
        assertThat(_getFormatted(view.grid, 0, "allocation")).isEqualTo("250.0000");
        assertThat(_getFormatted(view.grid, 0, "available")).startsWith("250.0000 units");
        assertThat(view.bar.text()).contains("allocated 250.0000 of 1000.0000 · remaining 750.0000");
    }

    @Test
    void removingAMemberAsksFirstAndSaysWhatReturnsToTheGroup() {
        memberships.add(group.id(), newPerson("student", Set.of()), units("120"), MemberRole.MEMBER);
        var view = open(instructor);

        ContextMenuKt._clickItemWithCaption(_get(_getCellComponent(view.grid, 0, "actions"), MenuBar.class), "Remove…");
        var confirm = _get(ConfirmDialog.class);

        assertThat(ConfirmDialogKt._getText(confirm)).contains("120.0000 units").contains("returns to the group");
        assertThat(_size(view.grid)).isEqualTo(1);

        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(_size(view.grid)).isZero();
        assertThat(view.bar.text()).contains("allocated 0.0000 of 1000.0000");
        expectNotifications("The student was removed; 120.0000 units returned to the group.");
    }

    @Test
    void changingTheRoleMakesAMemberAManager() {
        memberships.add(group.id(), newPerson("assistant", Set.of()), null, MemberRole.MEMBER);
        var view = open(instructor);

        ContextMenuKt._clickItemWithCaption(_get(_getCellComponent(view.grid, 0, "actions"), MenuBar.class),
                "Make manager");

        assertThat(_getFormatted(view.grid, 0, "role")).isEqualTo("Manager");
    }

    @Test
    void aMembersLedgerOpensFromTheRowsMenu() {
        var member = memberships.add(group.id(), newPerson("student", Set.of()), units("120"), MemberRole.MEMBER);
        var view = open(instructor);

        ContextMenuKt._clickItemWithCaption(_get(_getCellComponent(view.grid, 0, "actions"), MenuBar.class), "Ledger");

        assertThat(UI.getCurrent().getActiveViewLocation().getPath())
                .isEqualTo("ledger/" + member.budget().accountId());
        assertThat(_find(AccountLedgerView.class)).hasSize(1);
    }

    @Test
    void editingSaysExistingMembersKeepTheirAllocation() {
        var view = open(instructor);

        _click(view.edit);
        var editor = _get(GroupEditorDialog.class);
        assertThat(editor.name.getValue()).isEqualTo("CS101 Cloud Fundamentals");
        assertThat(editor.budget.isVisible()).isFalse();
        assertThat(editor.defaultAllocation.getHelperText()).contains("existing members keep their allocation");
        _setValue(editor.defaultAllocation, "150");
        _click(editor.save);

        assertThat(view.facts.getElement().getTextRecursively()).contains("default allocation 150.0000 per member");
    }

    @Test
    void aPlainMemberSeesTheGroupButNeitherItsMembersNorItsSettings() {
        String student = newPerson("student", Set.of());
        memberships.add(group.id(), student, null, MemberRole.MEMBER);

        var view = open(student);
        // The browser's round trip after rendering: nothing on the page may ask for the member list.
        MockVaadin.clientRoundtrip(false);

        expectNoNotifications();
        assertThat(view.bar.text()).contains("of 1000.0000");
        assertThat(view.membersSection.isVisible()).isFalse();
        assertThat(view.edit.isVisible()).isFalse();
        assertThat(view.delete.isVisible()).isFalse();
    }

    @Test
    void aManagerManagesTheMembersButNotTheGroupItself() {
        String assistant = newPerson("assistant", Set.of());
        memberships.add(group.id(), assistant, null, MemberRole.MANAGER);

        var view = open(assistant);
        MockVaadin.clientRoundtrip(false);

        expectNoNotifications();
        assertThat(view.membersSection.isVisible()).isTrue();
        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(view.addMember.isVisible()).isTrue();
        assertThat(view.edit.isVisible()).isFalse();
        assertThat(view.changeBudget.isVisible()).isFalse();
        assertThat(view.delete.isVisible()).isFalse();
    }

    @Test
    void anotherGroupAdminFindsNoSuchGroup() {
        String otherInstructor = newGroupAdmin("500");

        var view = open(otherInstructor);

        assertThat(view.notFound.isVisible()).isTrue();
        assertThat(view.notFound.getElement().getTextRecursively())
                .contains("This group does not exist, or it is not one of yours.");
        assertThat(_get(H1.class).getText()).isEqualTo("Group not found");
        assertThat(_find(BudgetBar.class)).isEmpty();
        assertThat(_find(Grid.class)).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withText("Delete group"))).isEmpty();
    }
}
