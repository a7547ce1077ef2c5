package org.burnrate.budget.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;

import jakarta.annotation.security.PermitAll;

import org.burnrate.base.NotFoundException;
import org.burnrate.base.ui.Dates;
import org.burnrate.budget.AccountLines;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

/**
 * The ledger lines of one account, newest first, paged from the database as the user scrolls and
 * filterable by type and date. Anyone may open it for an account they may see; others get "not found".
 */
@Route("ledger/:accountId")
@PageTitle("Ledger · Burnrate")
@PermitAll
public class AccountLedgerView extends Div implements BeforeEnterObserver {

    private final AccountLines accountLines;
    final MultiSelectComboBox<LineType> types = new MultiSelectComboBox<>("Types");
    final DatePicker from = Dates.picker("From");
    final DatePicker to = Dates.picker("To (inclusive)");
    final Grid<LedgerLineView> grid = new Grid<>();
    final H3 heading = new H3();
    final Paragraph figures = new Paragraph();
    private long accountId;

    AccountLedgerView(AccountLines accountLines) {
        this.accountLines = accountLines;
        addClassName("portal-view");
        types.setItems(EnumSet.allOf(LineType.class));
        types.setPlaceholder("All types");
        types.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        var filters = new HorizontalLayout(types, from, to);
        filters.addClassName("portal-toolbar");
        filters.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);

        grid.addColumn(line -> Dates.second(line.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(line -> line.type().name()).setHeader("Type").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(line -> signed(line)).setHeader("Amount").setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(LedgerLineView::reason).setHeader("Reason").setFlexGrow(3);
        grid.addColumn(LedgerLineView::actor).setHeader("By").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No ledger lines match these filters.");
        grid.setSizeFull();
        add(heading, figures, filters, grid);
    }

    /** A link to an account's ledger, for the views that show its figures. */
    static RouterLink link(String text, long accountId) {
        var link = new RouterLink(text, AccountLedgerView.class, of(accountId));
        link.addClassName("portal-ledger-link");
        return link;
    }

    /** Opens an account's ledger, for a menu's item where a link does not fit. */
    static void open(long accountId) {
        UI.getCurrent().navigate(AccountLedgerView.class, of(accountId));
    }

    private static RouteParameters of(long accountId) {
        return new RouteParameters("accountId", String.valueOf(accountId));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameter = event.getRouteParameters().getLong("accountId");
        try {
            accountId = parameter.orElseThrow(() -> new NotFoundException("No such account."));
            heading.setText(accountLines.describe(accountId));
            var balance = accountLines.balance(accountId);
            figures.setText("Allocated " + balance.allocated() + " · consumed " + balance.consumed() + " · held "
                    + balance.held() + (balance.available() == null ? "" : " · available " + balance.available()));
        } catch (NotFoundException e) {
            heading.setText("There is no such account, or it is not yours to see.");
            figures.setText("");
            grid.setVisible(false);
            return;
        }
        grid.setItems(query -> accountLines.lines(accountId, EnumSet.copyOf(withAll(types.getValue())),
                startOf(from.getValue()), startOf(to.getValue() == null ? null : to.getValue().plusDays(1)),
                PageRequest.of(query.getPage(), query.getPageSize())).stream());
    }

    /** Allocations handed to children and units given back reduce this account: shown negative. */
    private String signed(LedgerLineView line) {
        boolean outgoing = line.accountId() != accountId
                ? line.type() == LineType.ALLOCATE
                : line.type() == LineType.RECLAIM || line.type() == LineType.EXPIRY || line.type() == LineType.RELEASE
                        || line.type() == LineType.REFUND;
        return (outgoing ? "−" : "+") + line.amount();
    }

    private static java.util.Set<LineType> withAll(java.util.Set<LineType> chosen) {
        return chosen.isEmpty() ? EnumSet.noneOf(LineType.class) : chosen;
    }

    private static java.time.@Nullable Instant startOf(@Nullable LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }
}
