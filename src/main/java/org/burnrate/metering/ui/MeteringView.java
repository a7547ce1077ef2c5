package org.burnrate.metering.ui;

import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;

import org.burnrate.base.ui.Dates;
import org.burnrate.metering.MeteringRunView;
import org.burnrate.metering.MeteringService;
import org.burnrate.metering.MeteringStatus;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * How far behind the ledger is: the lag since the moment the last finished run metered up to, how
 * many resources are on the debit job's list, its last runs with their errors, and a way to run it
 * now (harmless: a run writes only what is not written yet).
 */
@Route("admin/metering")
@PageTitle("Metering · Burnrate")
@Menu(title = "Metering", order = 96, icon = "vaadin:clock")
@RolesAllowed(Roles.SYSTEM_ADMIN)
public class MeteringView extends Div {

    /** How runs started here are named in the run list, beside "schedule" and "api". */
    static final String TRIGGER = "view";

    final Paragraph lag = new Paragraph();
    final Paragraph waiting = new Paragraph();
    final Button runNow = new Button("Run now");
    final Paragraph result = new Paragraph();
    final Grid<MeteringRunView> grid = new Grid<>();

    private final MeteringService metering;

    MeteringView(MeteringService metering) {
        this.metering = metering;
        addClassName("portal-view");
        lag.addClassName("portal-facts");
        runNow.setId("run-metering-now");
        runNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Disabled in the browser at the click, before the server starts the run; enabled again when it ends.
        runNow.setDisableOnClick(true);
        runNow.addClickListener(click -> runNow());
        result.setVisible(false);
        var toolbar = new HorizontalLayout(runNow, result);
        toolbar.addClassName("portal-toolbar");
        toolbar.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);

        grid.addColumn(run -> Dates.second(run.startedAt())).setKey("started").setHeader("Started").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(MeteringRunView::node).setKey("node").setHeader("Node").setAutoWidth(true);
        grid.addColumn(MeteringRunView::trigger).setKey("trigger").setHeader("Trigger").setAutoWidth(true);
        grid.addColumn(run -> run.duration() == null ? "running…" : run.duration().toMillis() + " ms")
                .setKey("duration").setHeader("Duration").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(MeteringRunView::resources).setKey("resources").setHeader("Resources")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(MeteringRunView::linesWritten).setKey("lines").setHeader("Lines")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(MeteringRunView::errors).setKey("errors").setHeader("Errors")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(MeteringRunView::stoppedForBudget).setKey("stopped").setHeader("Stopped for budget")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(run -> run.lastError() == null ? "—" : run.lastError()).setKey("lastError")
                .setHeader("Last error").setFlexGrow(2);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("The debit job has not run yet.");
        grid.setSizeFull();
        add(lag, waiting, toolbar, new H3("Last runs"), grid);
        show(metering.status());
    }

    private void runNow() {
        try {
            var run = metering.run(TRIGGER);
            result.setText(summary(run));
            result.setVisible(true);
            if (run.errors() > 0) {
                Notification.show(plural(run.errors(), "resource") + " failed and will be retried next run: "
                        + run.lastError(), 8000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        } catch (RuntimeException e) {
            Notification.show("The run failed: " + e.getMessage(), 8000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        } finally {
            runNow.setEnabled(true);
            show(metering.status());
        }
    }

    private void show(MeteringStatus status) {
        lag.setText(lagText(status.lag()));
        int count = status.resourcesWaiting();
        waiting.setText(count == 0 ? "No resource is waiting to be metered."
                : count == 1 ? "1 resource may still owe something: it is running, or it stopped and was not metered since."
                : plural(count, "resource") + " may still owe something: they are running, or they stopped and were "
                        + "not metered since.");
        grid.setItems(status.lastRuns());
    }

    /** "Wrote 12 lines for 3 resources in 45 ms". */
    static String summary(MeteringRunView run) {
        var took = run.duration() == null ? "" : " in " + run.duration().toMillis() + " ms";
        return "Wrote " + plural(run.linesWritten(), "line") + " for " + plural(run.resources(), "resource") + took
                + (run.stoppedForBudget() == 0 ? "" : ", stopped " + plural(run.stoppedForBudget(), "resource")
                        + " for lack of budget")
                + (run.errors() == 0 ? "" : ", " + plural(run.errors(), "error"));
    }

    /** "The ledger is up to date to 12 s ago", or "No run yet". */
    static String lagText(@Nullable Duration lag) {
        if (lag == null) {
            return "No run yet.";
        }
        // A run on a node whose clock is ahead meters up to a moment that is still to come here.
        if (lag.isNegative() || lag.toSeconds() == 0) {
            return "The ledger is up to date to just now.";
        }
        return "The ledger is up to date to " + ago(lag) + " ago.";
    }

    /** "12 s", "3 min 5 s", "2 h 10 min", "1 d 4 h": the two largest parts are enough to judge a lag. */
    static String ago(Duration lag) {
        long[] amounts = { lag.toDays(), lag.toHoursPart(), lag.toMinutesPart(), lag.toSecondsPart() };
        String[] names = { "d", "h", "min", "s" };
        var text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < amounts.length && shown < 2; i++) {
            if (amounts[i] > 0 || shown > 0) {
                if (amounts[i] > 0) {
                    text.append(text.isEmpty() ? "" : " ").append(amounts[i]).append(' ').append(names[i]);
                }
                shown++;
            }
        }
        return text.toString();
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
