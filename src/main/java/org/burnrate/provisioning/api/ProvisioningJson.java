package org.burnrate.provisioning.api;

import java.time.Instant;
import java.util.List;

import org.burnrate.provisioning.PendingAction;
import org.burnrate.provisioning.Quote;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.provisioning.StateChange;
import org.jspecify.annotations.Nullable;

/** The API's JSON shapes for quotes and resources: units as decimal strings, spans as ISO 8601 durations. */
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
}
