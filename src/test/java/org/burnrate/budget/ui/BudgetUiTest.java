package org.burnrate.budget.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;

import java.time.LocalDate;
import java.util.Set;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.budget.MembershipService;
import org.burnrate.organization.GlobalRole;
import org.burnrate.support.SignIn;
import org.burnrate.support.UiTest;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.router.RouterLink;

/** Budget views on real services: people, group admins and groups are set up through the services themselves. */
abstract class BudgetUiTest extends UiTest {

    @Autowired
    BudgetAdministration administration;
    @Autowired
    GroupService groups;
    @Autowired
    MembershipService memberships;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    /** A new person, appointed group admin with {@code budget} by a system admin; nobody is signed in afterwards. */
    String newGroupAdmin(String budget) {
        String admin = newPerson("instructor", Set.of());
        signInAs(newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN)));
        administration.appoint(admin, units(budget), null, null);
        SignIn.out();
        return admin;
    }

    /** A group of {@code admin}'s, created by them; {@code admin} stays signed in. */
    GroupView newGroup(String admin, String name, String budget, String defaultAllocation, boolean overcommit) {
        signInAs(admin);
        return groups.create(null, new GroupDetails(name, "", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31),
                units(defaultAllocation), overcommit), units(budget));
    }

    static Card cardTitled(String title) {
        return _find(Card.class).stream().filter(card -> card.getTitle() instanceof RouterLink link
                && link.getText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no card titled " + title));
    }
}
