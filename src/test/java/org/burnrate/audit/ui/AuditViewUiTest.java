package org.burnrate.audit.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.burnrate.organization.GlobalRole;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.UI;

class AuditViewUiTest extends UiTest {

    @Test
    void aSystemAdminFindsWhoChangedWhoseRoles() {
        String admin = newPerson("admin", Set.of(GlobalRole.SYSTEM_ADMIN));
        String promoted = newPerson("promoted", Set.of());
        signInAs(admin);
        users.changeRoles(users.findByEmail(promoted).orElseThrow().id(), Set.of(GlobalRole.GROUP_ADMIN));

        UI.getCurrent().navigate(AuditView.class);
        var view = _get(AuditView.class);
        _setValue(view.filter, promoted);

        assertThat(_size(view.grid)).isEqualTo(2);
        var newest = _get(view.grid, 0);
        assertThat(newest.action()).isEqualTo("Roles changed");
        assertThat(newest.actor()).isEqualTo(admin);
        assertThat(newest.before()).isEqualTo("[]");
        assertThat(newest.after()).isEqualTo("[GROUP_ADMIN]");
    }

    @Test
    void othersCannotOpenIt() {
        signInAs(newPerson("instructor", Set.of(GlobalRole.GROUP_ADMIN)));

        assertThatThrownBy(() -> UI.getCurrent().navigate(AuditView.class)).hasMessageContaining("Access is denied");
    }
}
