package org.burnrate.provisioning.ui;

import jakarta.annotation.security.PermitAll;

import org.burnrate.catalog.CurrencySettings;
import org.burnrate.provisioning.ProvisioningService;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

/** The caller's own resources in every group: state, running time, cost so far, and start, stop, delete. */
@Route("resources")
@PageTitle("My resources · Burnrate")
@Menu(title = "My resources", order = 22, icon = "vaadin:server")
@PermitAll
public class MyResourcesView extends Div {

    final ResourceGrid grid;
    final Paragraph empty = new Paragraph();

    MyResourcesView(ProvisioningService provisioning, CurrencySettings currency) {
        addClassName("portal-view");
        var unitValue = currency.current();
        grid = new ResourceGrid(provisioning, provisioning::myResources, () -> unitValue, false);
        grid.setId("my-resources");
        empty.addClassName("portal-empty");
        empty.add(new Span("You have no resources yet. "), new RouterLink("Open the catalog", CatalogView.class),
                new Span(" to provision one; you see its price and how long your budget lasts before you confirm."));
        grid.refresh();
        boolean none = grid.getListDataView().getItemCount() == 0;
        empty.setVisible(none);
        grid.setVisible(!none);
        add(empty, grid);
    }
}
