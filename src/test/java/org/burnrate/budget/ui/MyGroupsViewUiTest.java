package org.burnrate.budget.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.burnrate.budget.MemberRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;

class MyGroupsViewUiTest extends BudgetUiTest {

    String instructor;

    @BeforeEach
    void groupAdmin() {
        instructor = newGroupAdmin("1000");
    }

    MyGroupsView open() {
        signInAs(instructor);
        UI.getCurrent().navigate(MyGroupsView.class);
        return _get(MyGroupsView.class);
    }

    @Test
    void aGroupAdminCreatesAGroupThroughTheEditorAndSeesItsCard() {
        var view = open();
        assertThat(view.empty.isVisible()).isTrue();
        assertThat(view.empty.getText()).isEqualTo("You have no groups yet — create one with New group.");

        _click(view.newGroup);
        var editor = _get(GroupEditorDialog.class);
        _setValue(editor.name, "CS101 Cloud Fundamentals");
        _setValue(editor.startDate, LocalDate.of(2026, 9, 1));
        _setValue(editor.endDate, LocalDate.of(2027, 1, 31));
        _setValue(editor.budget, "400");
        _setValue(editor.defaultAllocation, "50");
        _click(editor.save);

        assertThat(_find(GroupEditorDialog.class)).isEmpty();
        expectNotifications("Group 'CS101 Cloud Fundamentals' was created with 400.0000 units.");
        assertThat(view.empty.isVisible()).isFalse();
        var card = cardTitled("CS101 Cloud Fundamentals");
        assertThat(card.getSubtitle()).isInstanceOfSatisfying(Span.class,
                subtitle -> assertThat(subtitle.getText()).startsWith("2026-09-01 – 2027-01-31"));
        assertThat(_get(card, BudgetBar.class).text())
                .startsWith("consumed 0.0000 · held 0.0000 · allocated 0.0000 of 400.0000 · remaining 400.0000");
        // The admin's own budget shows what the new group took from it.
        assertThat(_get(view.ownBudget, BudgetBar.class).text()).contains("allocated 400.0000 of 1000.0000");
    }

    @Test
    void invalidInputIsShownOnItsFieldAndCreatesNothing() {
        var view = open();
        _click(view.newGroup);
        var editor = _get(GroupEditorDialog.class);
        _setValue(editor.name, "CS240 Distributed Systems");
        _setValue(editor.budget, "abc");
        _setValue(editor.defaultAllocation, "10");
        _click(editor.save);

        assertThat(editor.budget.isInvalid()).isTrue();
        assertThat(editor.budget.getErrorMessage()).isEqualTo("'abc' is not a number of units; write it like 100 or 12.5.");
        assertThat(editor.isOpened()).isTrue();

        _setValue(editor.budget, "100");
        _setValue(editor.startDate, LocalDate.of(2027, 2, 1));
        _setValue(editor.endDate, LocalDate.of(2027, 1, 31));
        _click(editor.save);

        assertThat(editor.budget.isInvalid()).isFalse();
        assertThat(editor.endDate.isInvalid()).isTrue();
        assertThat(editor.endDate.getErrorMessage()).isEqualTo("The end date 2027-01-31 is before the start date 2027-02-01.");
        assertThat(editor.isOpened()).isTrue();

        _setValue(editor.endDate, LocalDate.of(2027, 6, 30));
        _setValue(editor.budget, "5000");
        _click(editor.save);

        assertThat(editor.budget.isInvalid()).isTrue();
        assertThat(editor.budget.getErrorMessage()).contains("short by 4000.0000");
        assertThat(editor.isOpened()).isTrue();
        assertThat(groups.visibleGroups()).isEmpty();
        assertThat(view.empty.isVisible()).isTrue();
    }

    @Test
    void anOvercommittedGroupSaysPlainlyThatMembersWerePromisedMoreThanItHolds() {
        var group = newGroup(instructor, "CS50 Lab", "200", "100", true);
        for (int i = 0; i < 3; i++) {
            memberships.add(group.id(), newPerson("student", Set.of()), null, MemberRole.MEMBER);
        }

        open();

        var card = cardTitled("CS50 Lab");
        var bar = _get(card, BudgetBar.class);
        assertThat(bar.warning.isVisible()).isTrue();
        assertThat(bar.warning.getText()).isEqualTo("Overcommitted: members were promised 300.0000 of 200.0000.");
        assertThat(card.getHeaderSuffix()).isNotNull();
    }
}
