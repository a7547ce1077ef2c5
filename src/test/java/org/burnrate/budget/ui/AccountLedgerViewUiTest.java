package org.burnrate.budget.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MembershipService;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.GlobalRole;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouterLink;

class AccountLedgerViewUiTest extends UiTest {

    @Autowired
    BudgetAdministration administration;
    @Autowired
    GroupService groups;
    @Autowired
    MembershipService members;
    @Autowired
    Ledger ledger;

    String student;
    String stranger;
    long account;

    @BeforeEach
    void aStudentWithSomeHistory() {
        String admin = newPerson("admin", Set.of(GlobalRole.SYSTEM_ADMIN));
        String instructor = newPerson("instructor", Set.of());
        student = newPerson("student", Set.of());
        stranger = newPerson("stranger", Set.of());
        signInAs(admin);
        administration.appoint(instructor, ConsumptionUnits.of(1000), null, null);
        signInAs(instructor);
        var group = groups.create(null, new GroupDetails("Ledger class", "", null, null, ConsumptionUnits.of(100),
                false), ConsumptionUnits.of(500));
        account = members.add(group.id(), student, null, MemberRole.MEMBER).budget().accountId();
        ledger.charge(account, ConsumptionUnits.parse("12.5"), "VM, first hour", null);
        ledger.charge(account, ConsumptionUnits.parse("0.6667"), "VM, one minute", null);
    }

    @Test
    void aMemberSeesTheirLinesNewestFirstAndCanFilterByType() {
        signInAs(student);
        UI.getCurrent().navigate("ledger/" + account);
        var view = _get(AccountLedgerView.class);

        assertThat(view.figures.getText()).contains("consumed 13.1667").contains("available 86.8333");
        assertThat(_size(view.grid)).isEqualTo(3);
        assertThat(_get(view.grid, 0).reason()).isEqualTo("VM, one minute");

        _setValue(view.types, Set.of(LineType.ALLOCATE));
        assertThat(_size(view.grid)).isEqualTo(1);
        _setValue(view.types, Set.of());
        _setValue(view.from, LocalDate.of(2026, 11, 25)); // the day after TestClock.START
        assertThat(_size(view.grid)).isZero();
    }

    @Test
    void myBudgetsLinksEachAllocationToItsLedger() {
        signInAs(student);
        UI.getCurrent().navigate(MyBudgetsView.class);

        var link = _get(RouterLink.class, spec -> spec.withText("See every movement of your allocation"));
        assertThat(link.getHref()).isEqualTo("ledger/" + account);
    }

    @Test
    void someoneElseSeesNothingOfIt() {
        signInAs(stranger);
        UI.getCurrent().navigate("ledger/" + account);
        var view = _get(AccountLedgerView.class);

        assertThat(view.heading.getText()).contains("not yours to see");
        assertThat(view.grid.isVisible()).isFalse();
    }
}
