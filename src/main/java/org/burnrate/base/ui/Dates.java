package org.burnrate.base.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.datepicker.DatePicker;

/**
 * How every view writes dates and moments, and the date pickers that show and take them the same
 * way: 2026-12-06 and 2026-12-06 14:05, in the portal's time zone, whatever the browser's language.
 * A summary saying "from 2026-11-30" above a field showing "11/30/2026", or one grid's
 * "24 Nov 2026, 10:10" beside another's "2026-11-24 10:10", reads as two different things.
 */
public final class Dates {

    /** How a day is written. */
    public static final String DAY_FORMAT = "yyyy-MM-dd";

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern(DAY_FORMAT).withZone(ZONE);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern(DAY_FORMAT + " HH:mm").withZone(ZONE);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern(DAY_FORMAT + " HH:mm:ss")
            .withZone(ZONE);

    private Dates() {
    }

    /** "2026-12-06". */
    public static String day(LocalDate day) {
        return DAY.format(day);
    }

    /** "2026-12-06": the day of a moment, in the portal's time zone. */
    public static String day(Instant moment) {
        return DAY.format(moment);
    }

    /** "2026-12-06 14:05", in the portal's time zone. */
    public static String minute(Instant moment) {
        return MINUTE.format(moment);
    }

    /** "2026-12-06 14:05:09", in the portal's time zone: for what happens many times a minute. */
    public static String second(Instant moment) {
        return SECOND.format(moment);
    }

    /** A picker labelled {@code label} that shows and takes dates as {@value #DAY_FORMAT}. */
    public static DatePicker picker(String label) {
        var picker = new DatePicker(label);
        picker.setI18n(new DatePicker.DatePickerI18n().setDateFormat(DAY_FORMAT).setFirstDayOfWeek(1));
        picker.setPlaceholder("YYYY-MM-DD");
        return picker;
    }
}
