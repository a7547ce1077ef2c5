package org.burnrate.organization.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.burnrate.organization.GlobalRole;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

class UsersViewUiTest extends UiTest {

    UsersView view;

    @BeforeEach
    void openAsAdmin() {
        signInAs(newPerson("admin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        UI.getCurrent().navigate(UsersView.class);
        view = _get(UsersView.class);
    }

    @Test
    void theFilterNarrowsTheGridToMatchingNamesAndEmails() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        newPerson("findme-" + tag, Set.of());
        newPerson("findme-" + tag, Set.of());

        _setValue(view.filter, tag);

        assertThat(_size(view.grid)).isEqualTo(2);
        assertThat(_get(view.grid, 0).email()).contains(tag);
    }

    @Test
    void creatingAPersonFromTheDialogShowsThemInTheGrid() {
        String email = "created-" + UUID.randomUUID() + "@ui.test";
        _click(_get(Button.class, spec -> spec.withId("new-person")));
        var dialog = _get(NewPersonDialog.class);

        _setValue(dialog.email, email);
        _setValue(dialog.displayName, "Created In The Dialog");
        _click(dialog.save);

        assertThat(_find(NewPersonDialog.class)).isEmpty();
        _setValue(view.filter, email);
        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(_get(view.grid, 0).displayName()).isEqualTo("Created In The Dialog");
    }

    @Test
    void invalidInputIsShownOnTheFieldAndCreatesNothing() {
        long before = users.count();
        _click(_get(Button.class, spec -> spec.withId("new-person")));
        var dialog = _get(NewPersonDialog.class);

        _setValue(dialog.email, "created-" + UUID.randomUUID() + "@ui.test");
        _setValue(dialog.displayName, "Short Password");
        _setValue(dialog.password, "too short");
        _click(dialog.save);

        assertThat(dialog.password.isInvalid()).isTrue();
        assertThat(dialog.password.getErrorMessage()).contains("at least 12 characters");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void disablingAsksForConfirmationFirst() {
        String email = newPerson("leaver", Set.of());
        _setValue(view.filter, email);
        var actions = GridKt._getCellComponent(view.grid, 0, "actions");
        _click(_get(actions, Button.class, spec -> spec.withText("Disable")));

        var confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt._getText(confirm)).contains("will no longer be able to sign in");
        assertThat(users.findByEmail(email).orElseThrow().enabled()).isTrue();

        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(users.findByEmail(email).orElseThrow().enabled()).isFalse();
        assertThat(_get(view.grid, 0).enabled()).isFalse();
    }
}
