package org.burnrate.organization.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.burnrate.base.ui.HomeView;
import org.burnrate.organization.GlobalRole;
import org.burnrate.security.SystemActor;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.TextArea;

class ProfileViewUiTest extends UiTest {

    @Test
    void aWrongCurrentPasswordIsShownOnItsField() {
        signInAs(newPerson("student", Set.of()));
        UI.getCurrent().navigate(ProfileView.class);
        var view = _get(ProfileView.class);

        _setValue(view.currentPassword, "not my password");
        _setValue(view.newPassword, "a brand new password");
        _setValue(view.repeatPassword, "a brand new password");
        _click(view.changePassword);

        assertThat(view.currentPassword.isInvalid()).isTrue();
        assertThat(view.currentPassword.getErrorMessage()).contains("not correct");
    }

    @Test
    void aNewTokenIsShownOnceAndListed() {
        signInAs(newPerson("scripter", Set.of()));
        UI.getCurrent().navigate(ProfileView.class);
        var view = _get(ProfileView.class);
        assertThat(_size(view.tokenGrid)).isZero();

        _setValue(view.tokenName, "nightly report");
        _click(view.createToken);

        assertThat(_get(TextArea.class, spec -> spec.withId("new-token-secret")).getValue()).startsWith("brt_");
        assertThat(_size(view.tokenGrid)).isEqualTo(1);
    }

    @Test
    void somebodyWithAnAdminSetPasswordIsKeptOnTheProfileUntilTheyChooseTheirOwn() {
        String email = newPerson("newcomer", Set.of());
        long id = SystemActor.call(() -> users.findByEmail(email).orElseThrow().id());
        SystemActor.run(() -> users.resetPassword(id, "chosen by the admin"));
        signInAs(email);

        UI.getCurrent().navigate("");
        var view = _get(ProfileView.class);
        assertThat(view.passwordChangeBanner.isVisible()).isTrue();
        assertThat(_find(HomeView.class)).isEmpty();

        _setValue(view.currentPassword, "chosen by the admin");
        _setValue(view.newPassword, "now my very own password");
        _setValue(view.repeatPassword, "now my very own password");
        _click(view.changePassword);
        UI.getCurrent().navigate("");

        assertThat(_find(HomeView.class)).hasSize(1);
    }

    @Test
    void groupAdminsSeeTheirProfileToo() {
        signInAs(newPerson("instructor", Set.of(GlobalRole.GROUP_ADMIN)));

        UI.getCurrent().navigate(ProfileView.class);

        assertThat(_find(ProfileView.class)).hasSize(1);
    }
}
