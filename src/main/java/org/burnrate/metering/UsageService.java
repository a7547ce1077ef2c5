package org.burnrate.metering;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.RateVersion;
import org.burnrate.catalog.TemplateDirectory;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.UsageDebit;
import org.burnrate.provisioning.MeteringFeed;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Usage of per-operation resources, reported in batches by their provider: each event is priced at
 * the rate version in force when it occurred and charged once; a repeated idempotency key is
 * answered, not charged. A batch is checked as a whole first: one bad event refuses the batch and
 * changes nothing, with a message naming the event. System admins may report usage of any
 * resource; a provider, with its usage token, only of the resources provisioned through it: to
 * it, any other resource is one that does not exist.
 */
@Service
public class UsageService {

    public static final int MAX_BATCH = 1000;
    /** Reporters' clocks drift; an event may claim to be this far in the future. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    /** One reported event: so many operations on a resource at a moment, under the reporter's unique key. */
    public record UsageEvent(@Nullable Long resourceId, @Nullable BigDecimal quantity, @Nullable Instant occurredAt,
            @Nullable String idempotencyKey) {
    }

    /** What became of an event: charged now, or a repeat of one charged before; with its line and amount. */
    public record UsageResult(String idempotencyKey, boolean charged, long lineId, ConsumptionUnits amount) {
    }

    private final MeteringFeed feed;
    private final TemplateDirectory templates;
    private final Ledger ledger;
    private final TransactionTemplate transaction;
    private final CurrentUser currentUser;
    private final Clock clock;

    UsageService(MeteringFeed feed, TemplateDirectory templates, Ledger ledger, PlatformTransactionManager transactions,
            CurrentUser currentUser, Clock clock) {
        this.currentUser = currentUser;
        this.feed = feed;
        this.templates = templates;
        this.ledger = ledger;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Prices and charges the batch in one transaction. When another request writes one of its keys
     * at the same moment (a client sending a batch again before the first answer came), the
     * transaction fails on the key and changes nothing, and the batch is tried once more: its
     * repeats are then answered as such.
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN_OR_PROVIDER)
    public List<UsageResult> record(List<UsageEvent> events) {
        var now = clock.instant();
        var ids = validated(events, now);
        // A system admin may report for any provider; a provider's token, for its own resources only.
        var provider = currentUser.hasRole(Roles.SYSTEM_ADMIN) ? null : currentUser.reportingProvider()
                .orElseThrow(() -> new AccessDeniedException("Only system admins and providers report usage."));
        try {
            return transaction.execute(status -> charge(events, ids, now, provider));
        } catch (DuplicateKeyException concurrent) {
            return transaction.execute(status -> charge(events, ids, now, provider));
        }
    }

    /** The resource ids of a batch that is well-formed, or a message naming the first bad event. */
    private Set<Long> validated(List<UsageEvent> events, Instant now) {
        if (events.isEmpty()) {
            throw new InvalidInputException("events", "Send at least one usage event.");
        }
        if (events.size() > MAX_BATCH) {
            throw new InvalidInputException("events", "At most " + MAX_BATCH + " events per request; this one has "
                    + events.size() + ".");
        }
        var ids = new LinkedHashSet<Long>();
        var keys = new LinkedHashSet<String>();
        for (int i = 0; i < events.size(); i++) {
            var event = events.get(i);
            String where = "Event " + i + ": ";
            if (event.resourceId() == null) {
                throw new InvalidInputException("[" + i + "].resourceId", where + "resourceId is required.");
            }
            if (event.idempotencyKey() == null || event.idempotencyKey().isBlank() || event.idempotencyKey().length() > 150) {
                throw new InvalidInputException("[" + i + "].idempotencyKey", where
                        + "idempotencyKey is required (1 to 150 characters), unique per event, so that a repeat is not charged twice.");
            }
            if (!keys.add(event.idempotencyKey())) {
                throw new InvalidInputException("[" + i + "].idempotencyKey", where + "the idempotencyKey '"
                        + event.idempotencyKey() + "' appears twice in this batch.");
            }
            if (event.quantity() == null || event.quantity().signum() <= 0) {
                throw new InvalidInputException("[" + i + "].quantity", where + "quantity must be more than zero.");
            }
            if (event.occurredAt() != null && event.occurredAt().isAfter(now.plus(CLOCK_TOLERANCE))) {
                throw new InvalidInputException("[" + i + "].occurredAt", where + "occurredAt " + event.occurredAt()
                        + " is in the future.");
            }
            ids.add(event.resourceId());
        }
        return ids;
    }

    private List<UsageResult> charge(List<UsageEvent> events, Set<Long> ids, Instant now, @Nullable String provider) {
        var resources = feed.usageTargets(ids);
        var prices = templates.priceList();
        List<UsageDebit> debits = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            var event = events.get(i);
            var resource = resources.get(event.resourceId());
            var pricing = resource == null ? null : prices.pricing(resource.templateId());
            if (resource == null || provider != null && !provider.equals(pricing.template().provider())) {
                throw new InvalidInputException("[" + i + "].resourceId", "Event " + i + ": there is no resource with id "
                        + event.resourceId() + ".");
            }
            if (resource.billingEndsAt() != null) {
                throw new InvalidInputException("[" + i + "].resourceId", "Event " + i + ": '" + resource.name()
                        + "' belongs to a group that ended at " + resource.billingEndsAt()
                        + "; its budget is closed and usage reported since is not charged.");
            }
            if (pricing.template().billing() != Billing.PER_OPERATION) {
                throw new InvalidInputException("[" + i + "].resourceId", "Event " + i + ": '" + resource.name()
                        + "' is billed per time, not per operation; its usage is metered from its running time.");
            }
            var at = event.occurredAt() == null ? now : event.occurredAt();
            int index = i;
            var version = RateVersion.inForceAt(pricing.rates(), at)
                    .orElseThrow(() -> new InvalidInputException("[" + index + "].occurredAt", "Event " + index
                            + ": the template had no rate at " + at + "."));
            var amount = ConsumptionUnits.rounded(version.rate().unitsPerOperation().value().multiply(event.quantity()));
            var value = prices.unitValueAt(at).orElse(null);
            debits.add(new UsageDebit(resource.accountId(), resource.id(), amount, version.id(),
                    value == null ? null : value.valuePerUnit(), value == null ? null : value.currency().getCurrencyCode(),
                    "usage:" + event.idempotencyKey(), "'" + resource.name() + "': " + event.quantity().toPlainString()
                            + " operations at " + at));
        }
        var outcomes = ledger.chargeUsage(debits);
        List<UsageResult> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            results.add(new UsageResult(events.get(i).idempotencyKey(), outcomes.get(i).charged(),
                    outcomes.get(i).lineId(), debits.get(i).amount()));
        }
        return results;
    }
}
