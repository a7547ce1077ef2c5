package org.burnrate.provisioning.ui;

import java.time.Duration;
import java.time.Instant;

import org.burnrate.base.ui.Dates;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.TemplateView;
import org.jspecify.annotations.Nullable;

/** How units, money, spans and rates read on screen. */
final class ResourceTexts {

    private ResourceTexts() {
    }

    /** "1 min", "24 h", "2 h 30 min", "3 d". */
    static String span(@Nullable Duration duration) {
        if (duration == null) {
            return "indefinitely";
        }
        if (duration.isZero()) {
            return "not even one span";
        }
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        long seconds = duration.toSecondsPart();
        var text = new StringBuilder();
        if (days > 0) {
            text.append(days).append(" d ");
        }
        if (hours > 0) {
            text.append(hours).append(" h ");
        }
        if (minutes > 0) {
            text.append(minutes).append(" min ");
        }
        if (seconds > 0) {
            text.append(seconds).append(" s ");
        }
        return text.toString().strip();
    }

    /** "40.0000 units / h, charged per started 1 min" or "0.0100 units per operation". */
    static String rate(TemplateView template) {
        var version = template.currentRate();
        if (version == null) {
            return "No rate yet";
        }
        BurnRate rate = version.rate();
        if (template.billing() == org.burnrate.catalog.Billing.PER_OPERATION) {
            return rate.unitsPerOperation() + " units per operation";
        }
        if (!rate.burnsWhileRunning()) {
            return "Free: its container is billed";
        }
        return rate.unitsPerHour() + " units / h, charged per started " + span(rate.minimumSpan());
    }

    static String moment(@Nullable Instant instant) {
        return instant == null ? "" : Dates.minute(instant);
    }
}
