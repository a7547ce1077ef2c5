package org.burnrate.budget.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.burnrate.budget.MemberRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Paragraph;

class MyBudgetsViewUiTest extends BudgetUiTest {

    @Test
    void aMemberSeesTheirBudgetCard() {
        String instructor = newGroupAdmin("1000");
        String student = newPerson("student", Set.of());
        var group = newGroup(instructor, "CS101 Cloud Fundamentals", "500", "100", false);
        memberships.add(group.id(), student, units("120"), MemberRole.MEMBER);

        signInAs(student);
        UI.getCurrent().navigate(MyBudgetsView.class);
        var view = _get(MyBudgetsView.class);

        assertThat(view.empty.isVisible()).isFalse();
        var card = cardTitled("CS101 Cloud Fundamentals");
        assertThat(_get(card, BudgetBar.class).text())
                .startsWith("consumed 0.0000 · held 0.0000 of 120.0000 · remaining 120.0000");
        assertThat(_find(card, Paragraph.class).stream()
                .map(Paragraph::getText)).contains("Member");
    }

    @Autowired
    org.burnrate.catalog.CurrencySettings currency;

    @Test
    void theMoneyTheRemainingUnitsAreWorthIsShownBesideThem() {
        String instructor = newGroupAdmin("1000");
        String student = newPerson("student", Set.of());
        signInAs(newPerson("sysadmin", Set.of(org.burnrate.organization.GlobalRole.SYSTEM_ADMIN)));
        currency.set("EUR", new java.math.BigDecimal("0.05"), null);
        var group = newGroup(instructor, "CS240 Web Development", "500", "100", false);
        memberships.add(group.id(), student, units("120"), MemberRole.MEMBER);

        signInAs(student);
        UI.getCurrent().navigate(MyBudgetsView.class);
        var card = cardTitled("CS240 Web Development");
        assertThat(_get(card, BudgetBar.class).text()).endsWith("remaining 120.0000 (6.00 EUR)");
        assertThat(_find(card, Paragraph.class).stream().map(Paragraph::getText))
                .contains("Your allocation: 120.0000 units (6.00 EUR), 120.0000 units (6.00 EUR) still available.");
    }

    @Test
    void somebodyInNoGroupIsToldWhoAddsThem() {
        signInAs(newPerson("newcomer", Set.of()));
        UI.getCurrent().navigate(MyBudgetsView.class);
        var view = _get(MyBudgetsView.class);

        assertThat(view.empty.isVisible()).isTrue();
        assertThat(view.empty.getText()).isEqualTo("You are not in any group yet. Your instructor adds you to a group.");
        assertThat(_find(Card.class)).isEmpty();
    }
}
