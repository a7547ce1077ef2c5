package org.burnrate.budget.ui;

import jakarta.annotation.security.PermitAll;

import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MemberView;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.ui.MoneyText;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

/** Everyone's own budgets: one allocation per group they are in, and how much of it is used. */
@Route("budgets")
@PageTitle("My budgets · Burnrate")
@Menu(title = "My budgets", order = 20, icon = "vaadin:piggy-bank")
@PermitAll
public class MyBudgetsView extends Div {

    final Div cards = new Div();
    final Paragraph empty = new Paragraph("You are not in any group yet. Your instructor adds you to a group.");

    private final java.util.Optional<org.burnrate.catalog.UnitValue> unitValue;

    MyBudgetsView(MembershipService memberships, org.burnrate.catalog.CurrencySettings currency) {
        this.unitValue = currency.current();
        addClassName("portal-view");
        cards.addClassName("portal-cards");
        empty.addClassName("portal-empty");
        var mine = memberships.myMemberships();
        mine.forEach(membership -> cards.add(card(membership)));
        empty.setVisible(mine.isEmpty());
        add(empty, cards);
    }

    private Component card(MemberView membership) {
        var card = new Card();
        card.addClassName("portal-card");
        card.setTitle(new RouterLink(membership.groupName(), GroupDetailView.class,
                new RouteParameters(GroupDetailView.GROUP_ID, String.valueOf(membership.groupId()))));
        card.setSubtitle(new Paragraph(membership.role() == MemberRole.MANAGER
                ? "Manager: you also manage this group's members"
                : "Member"));
        var available = membership.budget().available();
        card.add(new Paragraph("Your allocation: " + MoneyText.of(membership.budget().allocated(), unitValue) + ", "
                + (available == null ? "unlimited" : MoneyText.of(available, unitValue)) + " still available."),
                new BudgetBar(null).money(unitValue).withFigures(membership.budget()),
                AccountLedgerView.link("See every movement of your allocation", membership.budget().accountId()));
        return card;
    }
}
