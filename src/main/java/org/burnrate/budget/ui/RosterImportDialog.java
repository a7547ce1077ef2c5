package org.burnrate.budget.ui;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.burnrate.base.InvalidInputException;
import org.burnrate.budget.RosterImport;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.core.context.SecurityContextHolder;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;

/**
 * Bulk roster import: upload a CSV file ({@code email,displayName,allocation}), watch the progress
 * bar while the rows are added, then read one result per row. Importing the same file again adds
 * nobody twice.
 */
class RosterImportDialog extends Dialog {

    static final int MAX_BYTES = 1_000_000;

    private final long groupId;
    private final RosterImport importer;
    private final AsyncTaskExecutor executor;
    private final Runnable onImported;
    private final UI ui;

    final Upload upload;
    final ProgressBar progress = new ProgressBar();
    final Paragraph status = new Paragraph();
    final Grid<RosterImport.RowResult> results = new Grid<>();

    RosterImportDialog(long groupId, RosterImport importer, AsyncTaskExecutor executor, Runnable onImported) {
        this.groupId = groupId;
        this.importer = importer;
        this.executor = executor;
        this.onImported = onImported;
        this.ui = UI.getCurrent();
        setHeaderTitle("Import a roster");
        setWidth("48em");

        upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> ui.access(
                () -> start(new String(bytes, StandardCharsets.UTF_8)))));
        upload.setAcceptedFileTypes(".csv", "text/csv");
        upload.setMaxFileSize(MAX_BYTES);
        upload.setMaxFiles(1);
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Drop a CSV file here"));
        upload.addFileRejectedListener(rejected -> status.setText(rejected.getErrorMessage()));

        progress.setVisible(false);
        results.addColumn(RosterImport.RowResult::row).setHeader("Row").setAutoWidth(true).setFlexGrow(0);
        results.addColumn(RosterImport.RowResult::email).setHeader("Email").setAutoWidth(true);
        results.addColumn(result -> switch (result.outcome()) {
            case ADDED -> "Added";
            case SKIPPED -> "Skipped";
            case FAILED -> "Not imported";
        }).setHeader("Result").setAutoWidth(true).setFlexGrow(0);
        results.addColumn(RosterImport.RowResult::message).setHeader("Details").setFlexGrow(2);
        results.setVisible(false);
        results.setHeight("18em");

        add(new Paragraph("One person per line: email,displayName,allocation. The header line is optional; an "
                + "empty allocation gives the group's default. People who are not in the portal yet are created "
                + "(they cannot sign in until they have a password); people already in the group are skipped."),
                upload, progress, status, results);
        getFooter().add(new Button("Close", click -> close()));
    }

    /** Runs the import away from the UI thread, showing progress as rows are done. */
    CompletableFuture<Void> start(String csv) {
        var security = SecurityContextHolder.getContext();
        progress.setVisible(true);
        progress.setValue(0);
        status.setText("Importing…");
        results.setVisible(false);
        ui.setPollInterval(300);
        return CompletableFuture.runAsync(() -> {
            SecurityContextHolder.setContext(security);
            try {
                var report = importer.importRoster(groupId, csv, step -> ui.access(
                        () -> progress.setValue((double) step.done() / step.total())));
                ui.access(() -> show(report));
            } catch (InvalidInputException e) {
                ui.access(() -> status.setText(e.getMessage()));
            } finally {
                SecurityContextHolder.clearContext();
                ui.access(() -> {
                    progress.setVisible(false);
                    ui.setPollInterval(-1);
                });
            }
        }, executor);
    }

    private void show(RosterImport.Report report) {
        status.setText(report.count(RosterImport.Outcome.ADDED) + " added, "
                + report.count(RosterImport.Outcome.SKIPPED) + " skipped, "
                + report.count(RosterImport.Outcome.FAILED) + " not imported.");
        results.setItems(report.rows());
        results.setVisible(true);
        onImported.run();
    }
}
