package org.burnrate.budget.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.organization.GlobalRole;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;

class RosterImportDialogUiTest extends UiTest {

    @Autowired
    BudgetAdministration administration;
    @Autowired
    GroupService groups;

    @Test
    void anInstructorImportsFiveStudentsAndSeesOneResultPerRowAndTheMembersGrid() throws Exception {
        String instructor = newPerson("instructor", Set.of());
        signInAs(newPerson("admin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        administration.appoint(instructor, ConsumptionUnits.of(2000), null, null);
        signInAs(instructor);
        var group = groups.create(null, new GroupDetails("Imported class", "", null, null, ConsumptionUnits.of(100),
                false), ConsumptionUnits.of(1000));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var csv = new StringBuilder("email,displayName,allocation\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("student").append(i).append('-').append(tag).append("@ui.test,Student ").append(i)
                    .append(i == 5 ? ",150" : ",").append('\n');
        }

        UI.getCurrent().navigate("groups/" + group.id());
        var page = _get(GroupDetailView.class);
        _click(_get(Button.class, spec -> spec.withId("import-roster")));
        var dialog = _get(RosterImportDialog.class);
        dialog.start(csv.toString()).join();
        MockVaadin.clientRoundtrip(false);

        assertThat(dialog.status.getText()).isEqualTo("5 added, 0 skipped, 0 not imported.");
        assertThat(_size(dialog.results)).isEqualTo(5);
        assertThat(_size(page.grid)).isEqualTo(5);
        assertThat(groups.get(group.id()).budget().allocatedToChildren()).isEqualTo(ConsumptionUnits.of(550));

        dialog.start(csv.toString()).join();
        MockVaadin.clientRoundtrip(false);
        assertThat(dialog.status.getText()).isEqualTo("0 added, 5 skipped, 0 not imported.");
    }
}
