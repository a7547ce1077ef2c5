package org.burnrate.base.ui;

import com.vaadin.flow.component.datepicker.DatePicker;

/**
 * Date pickers that show and take dates as the rest of the portal writes them (2026-12-06), whatever
 * the browser's language: a summary saying "from 2026-11-30" above a field showing "11/30/2026" reads
 * as two different things. Typed dates in that form are understood too, as are the browser's own.
 */
public final class DateFields {

    /** How dates are written everywhere in the portal. */
    public static final String ISO_FORMAT = "yyyy-MM-dd";

    private DateFields() {
    }

    /** A picker labelled {@code label} that shows dates as {@value #ISO_FORMAT}. */
    public static DatePicker iso(String label) {
        var picker = new DatePicker(label);
        picker.setI18n(new DatePicker.DatePickerI18n().setDateFormat(ISO_FORMAT).setFirstDayOfWeek(1));
        picker.setPlaceholder("YYYY-MM-DD");
        return picker;
    }
}
