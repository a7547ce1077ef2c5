package org.burnrate.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class DatesTest {

    private static final Instant MOMENT = Instant.parse("2026-12-06T14:05:09Z");

    @Test
    void momentsReadAsIsoDatesAndTimesInThePortalsTimeZone() {
        var local = LocalDateTime.ofInstant(MOMENT, ZoneId.systemDefault());

        assertThat(Dates.second(MOMENT)).isEqualTo(local.toLocalDate() + " " + local.toLocalTime());
        assertThat(Dates.minute(MOMENT)).isEqualTo(local.toLocalDate() + " " + local.toLocalTime().withSecond(0)
                .toString());
        assertThat(Dates.day(MOMENT)).isEqualTo(local.toLocalDate().toString());
        assertThat(Dates.day(LocalDate.of(2027, 1, 5))).isEqualTo("2027-01-05");
    }

    @Test
    void aPickerShowsAndTakesIsoDatesWhateverTheBrowsersLanguage() {
        var picker = Dates.picker("End date");

        assertThat(picker.getLabel()).isEqualTo("End date");
        assertThat(picker.getI18n().getDateFormats()).containsExactly("yyyy-MM-dd");
        assertThat(picker.getPlaceholder()).isEqualTo("YYYY-MM-DD");
    }
}
