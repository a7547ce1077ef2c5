package org.burnrate.base.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** The one way views ask before something destructive: a header, what will happen, and a red confirm button. */
public final class Confirmation {

    private Confirmation() {
    }

    public static ConfirmDialog openDestructive(String header, String text, String confirmText, Runnable onConfirm) {
        var dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(confirm -> onConfirm.run());
        dialog.open();
        return dialog;
    }
}
