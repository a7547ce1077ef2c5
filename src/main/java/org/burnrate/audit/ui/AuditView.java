package org.burnrate.audit.ui;

import jakarta.annotation.security.RolesAllowed;

import org.burnrate.audit.AuditEntryView;
import org.burnrate.audit.AuditTrail;
import org.burnrate.base.ui.Dates;
import org.burnrate.security.Roles;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** Who changed which budget, role or setting, when, from what to what; newest first. */
@Route("admin/audit")
@PageTitle("Audit log · Burnrate")
@Menu(title = "Audit log", order = 95, icon = "vaadin:records")
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class AuditView extends Div {

    final TextField filter = new TextField();
    final Grid<AuditEntryView> grid = new Grid<>();

    AuditView(AuditTrail trail) {
        addClassName("portal-view");
        filter.setPlaceholder("Filter by person, action or subject");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setWidth("24em");
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        var toolbar = new HorizontalLayout(filter);
        toolbar.addClassName("portal-toolbar");

        grid.addColumn(entry -> Dates.second(entry.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntryView::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditEntryView::action).setHeader("What").setAutoWidth(true);
        grid.addColumn(AuditEntryView::subject).setHeader("Subject").setFlexGrow(2);
        grid.addColumn(entry -> entry.before() == null ? "—" : entry.before()).setHeader("Before").setFlexGrow(2);
        grid.addColumn(entry -> entry.after() == null ? "—" : entry.after()).setHeader("After").setFlexGrow(2);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No changes match this filter.");
        grid.setItems(query -> trail.search(filter.getValue(),
                PageRequest.of(query.getPage(), query.getPageSize(), Sort.by(Sort.Direction.DESC, "id"))).stream());
        grid.setSizeFull();
        add(toolbar, grid);
    }
}
