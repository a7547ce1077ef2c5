package org.burnrate.provisioning.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.burnrate.catalog.UnitValue;
import org.burnrate.provisioning.GroupBurn;
import org.burnrate.provisioning.PendingAction;
import org.burnrate.provisioning.Quote;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.provisioning.Showback;
import org.burnrate.provisioning.StateChange;
import org.jspecify.annotations.Nullable;

/**
 * The API's JSON shapes for quotes, resources and their reports: units as decimal strings, spans as
 * ISO 8601 durations.
 */
final class ProvisioningJson {

    private ProvisioningJson() {
    }

    record LevelJson(Quote.LevelKind level, String name, @Nullable String available, @Nullable String lastsFor) {
    }

    record QuoteJson(long templateId, String templateName, @Nullable Long rateVersionId, @Nullable String minimumSpan,
            String minimumCharge, String unitsPerHour, @Nullable String currency,
            @Nullable String minimumChargeInCurrency, List<LevelJson> levels, boolean allowed, @Nullable String reason) {

        static QuoteJson of(Quote quote) {
            return new QuoteJson(quote.templateId(), quote.templateName(),
                    quote.rateVersion() == null ? null : quote.rateVersion().id(),
                    quote.minimumSpan() == null ? null : quote.minimumSpan().toString(), quote.minimumCharge().toString(),
                    quote.unitsPerHour().toString(), quote.currency(),
                    quote.minimumChargeInCurrency() == null ? null : quote.minimumChargeInCurrency().toPlainString(),
                    quote.levels().stream().map(level -> new LevelJson(level.level(), level.name(),
                            level.available() == null ? null : level.available().toString(),
                            level.lastsFor() == null ? null : level.lastsFor().toString())).toList(),
                    quote.allowed(), quote.reason());
        }
    }

    record HistoryJson(ResourceState state, Instant at, String confirmedBy, String note) {

        static HistoryJson of(StateChange change) {
            return new HistoryJson(change.state(), change.at(), change.confirmedBy(), change.note());
        }
    }

    record ResourceJson(long id, long groupId, String groupName, long templateId, String templateName, String kind,
            String name, String owner, long ownerUserId, boolean shared, ResourceState state,
            @Nullable PendingAction pendingAction, @Nullable Instant runningSince, @Nullable Instant stopAt,
            @Nullable Long parentResourceId, String costSoFar, @Nullable String failure, Instant createdAt,
            List<HistoryJson> history) {

        static ResourceJson of(ResourceView view) {
            return new ResourceJson(view.id(), view.groupId(), view.groupName(), view.templateId(), view.templateName(),
                    view.kind().name(), view.name(), view.ownerName(), view.ownerUserId(), view.shared(), view.state(),
                    view.pendingAction(), view.runningSince(), view.stopAt(), view.parentResourceId(),
                    view.costSoFar().toString(), view.failure(), view.createdAt(),
                    view.history().stream().map(HistoryJson::of).toList());
        }
    }

    /** A member or a template of a group's burn; the id is null for usage without a resource. */
    record BurnRowJson(@Nullable Long id, String label, String total, Map<String, String> perDay) {

        static BurnRowJson of(GroupBurn.Row row) {
            Map<String, String> perDay = new LinkedHashMap<>();
            new TreeMap<>(row.perDay()).forEach((day, amount) -> perDay.put(day.toString(), amount.toString()));
            return new BurnRowJson(row.id() < 0 ? null : row.id(), row.label(), row.total().toString(), perDay);
        }
    }

    record GroupBurnJson(long groupId, LocalDate from, LocalDate to, int days, String total, @Nullable String currency,
            @Nullable String totalInCurrency, List<BurnRowJson> byMember, List<BurnRowJson> byTemplate) {

        static GroupBurnJson of(GroupBurn.Report report, @Nullable UnitValue unitValue) {
            return new GroupBurnJson(report.groupId(), report.from(), report.to(), report.days().size(),
                    report.total().toString(), unitValue == null ? null : unitValue.currency().getCurrencyCode(),
                    unitValue == null ? null : unitValue.valueOf(report.total()).toPlainString(),
                    report.byMember().stream().map(BurnRowJson::of).toList(),
                    report.byTemplate().stream().map(BurnRowJson::of).toList());
        }
    }

    /** An app's share of a container's burn, in all or of one span. */
    record ShowbackAppJson(long resourceId, String name, long ownerUserId, String owner, String share) {

        static ShowbackAppJson of(Showback.Share share) {
            return new ShowbackAppJson(share.appId(), share.appName(), share.ownerUserId(), share.ownerName(),
                    share.amount().toString());
        }
    }

    record ShowbackShareJson(long resourceId, String share) {
    }

    record ShowbackSpanJson(Instant spanStart, @Nullable Instant spanEnd, String amount, List<ShowbackShareJson> shares) {

        static ShowbackSpanJson of(Showback.Span span) {
            return new ShowbackSpanJson(span.spanStart(), span.spanEnd(), span.amount().toString(), span.shares().stream()
                    .map(share -> new ShowbackShareJson(share.appId(), share.amount().toString())).toList());
        }
    }

    /** A container's showback; {@code spans} only when asked for, as a long-running plan has many. */
    record ShowbackJson(long resourceId, String name, String total, String unused, int spanCount,
            List<ShowbackAppJson> apps, @Nullable List<ShowbackSpanJson> spans) {

        static ShowbackJson of(Showback.Report report, boolean withSpans) {
            return new ShowbackJson(report.containerId(), report.containerName(), report.total().toString(),
                    report.unusedCapacity().toString(), report.spans().size(),
                    report.totals().stream().map(ShowbackAppJson::of).toList(),
                    withSpans ? report.spans().stream().map(ShowbackSpanJson::of).toList() : null);
        }
    }
}
