package org.burnrate.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.NotFoundException;
import org.burnrate.budget.BudgetAccounts;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.ExhaustionAction;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.Balance;
import org.burnrate.ledger.Ledger;
import org.burnrate.notification.Notifications;
import org.burnrate.provisioning.MeteringFeed.BillableResource;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ResourceState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The exhaustion ladder, applied after each chunk is written: whoever a budget level belongs to is
 * told once per warning threshold it crosses; when some level cannot cover a running resource's
 * next span (beyond the template's grace amount, and after the next spans of the resources checked
 * before it in the run, which the level must cover too), the template's action follows: stop, suspend,
 * or only notify; with a grace period, the stop or suspension waits that long from the first check
 * that found the resource exhausted, and the owner is told when it will come. Nothing is ever
 * deleted for lack of budget.
 */
@Component
class ExhaustionLadder {

    private static final Logger log = LoggerFactory.getLogger(ExhaustionLadder.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Ledger ledger;
    private final BudgetAccounts accounts;
    private final Notifications notifications;
    private final ProvisioningService provisioning;
    private final Clock clock;

    ExhaustionLadder(Ledger ledger, BudgetAccounts accounts, Notifications notifications,
            ProvisioningService provisioning, Clock clock) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.notifications = notifications;
        this.provisioning = provisioning;
        this.clock = clock;
    }

    /** A run's climbs, which keep the chains and group owners they read for the rest of the run. */
    Climb climb() {
        return new Climb();
    }

    /**
     * The ladder for one metering run. Account chains never change and a group's owner hardly ever,
     * so each is read once per run; balances are read again after every chunk.
     */
    final class Climb {

        private final Map<Long, List<Long>> chains = new HashMap<>();
        private final Map<Long, BudgetAccounts.GroupAccounts> groups = new HashMap<>();
        /**
         * Per account, the next spans of the resources already checked in this run that keep running:
         * each level must cover them together, not each on its own (many resources under one nearly
         * spent group would otherwise each pass and together overrun it).
         */
        private final Map<Long, ConsumptionUnits> promised = new HashMap<>();

        private Climb() {
        }

        /**
         * Checks the resources of a committed chunk, with one read each of the chains, groups and
         * balances they need; answers the ids of those it stopped or suspended. A resource whose
         * check fails is logged and checked again next run; the others go on.
         */
        List<Long> apply(List<BillableResource> resources, Map<Long, TemplateView> templates,
                Map<Long, ConsumptionUnits> nextSpanCosts) {
            if (resources.isEmpty()) {
                return List.of();
            }
            var newAccounts = resources.stream().map(BillableResource::accountId).filter(id -> !chains.containsKey(id))
                    .collect(Collectors.toSet());
            if (!newAccounts.isEmpty()) {
                chains.putAll(ledger.ancestries(newAccounts));
            }
            var newGroups = resources.stream().map(BillableResource::groupId).filter(id -> !groups.containsKey(id))
                    .collect(Collectors.toSet());
            if (!newGroups.isEmpty()) {
                groups.putAll(accounts.of(newGroups));
            }
            var balances = ledger.balances(resources.stream().map(r -> chains.get(r.accountId()))
                    .filter(Objects::nonNull).flatMap(List::stream).collect(Collectors.toSet()));
            Set<String> told = new HashSet<>();
            Map<Long, BigDecimal> percentUsed = new HashMap<>();
            List<Long> stopped = new ArrayList<>();
            for (var resource : resources) {
                try {
                    var ids = chains.get(resource.accountId());
                    var group = groups.get(resource.groupId());
                    if (ids == null || group == null) {
                        throw new NotFoundException("The account or group of resource " + resource.id() + " is gone.");
                    }
                    if (check(resource, templates.get(resource.templateId()),
                            nextSpanCosts.get(resource.id()), ids.stream().map(balances::get).toList(),
                            group.ownerUserId(), told, percentUsed, promised)) {
                        stopped.add(resource.id());
                    }
                } catch (RuntimeException e) {
                    log.warn("The exhaustion check of resource {} failed; it is checked again next run", resource.id(),
                            e);
                }
            }
            return stopped;
        }
    }

    /** Checks a metered resource against its chain's balances; answers whether it was stopped or suspended. */
    private boolean check(BillableResource resource, TemplateView template, @Nullable ConsumptionUnits nextSpanCost,
            List<Balance> chain, long groupOwner, Set<String> told, Map<Long, BigDecimal> percentUsed,
            Map<Long, ConsumptionUnits> promised) {
        warn(resource, template, chain, groupOwner, told, percentUsed);
        if (resource.state() == ResourceState.STOPPED && template.billing() == Billing.TIME
                && template.currentRate() != null && template.currentRate().rate().stoppedUnits().isPositive()) {
            keptStopped(resource, template, chain, promised);
            return false;
        }
        if (resource.state() != ResourceState.RUNNING || template.billing() != Billing.TIME
                || template.currentRate() == null || !template.currentRate().rate().burnsWhileRunning()) {
            return false;
        }
        // Priced by the debit job at the rate in force when that span starts, so a rate rise before it counts.
        var next = nextSpanCost != null ? nextSpanCost : template.currentRate().rate().minimumCharge();
        var uncovered = firstUncovered(chain, next, template.exhaustion().graceUnits(), promised);
        if (uncovered != null) {
            boolean stopped = exhausted(resource, template, chain, uncovered.level(), next, uncovered.available());
            if (!stopped) {
                promise(chain, next, promised);
            }
            return stopped;
        }
        promise(chain, next, promised);
        if (resource.exhaustedSince() != null) {
            provisioning.coveredAgain(resource.id());
        }
        return false;
    }

    /**
     * A stopped resource whose template charges while stopped (its disk is kept) burns its next
     * stopped span at every level too. Stopping it further is not possible and nothing is deleted for
     * lack of budget, so when a level cannot cover that span its owner is told, once per stop, what
     * it goes on costing and what to do.
     */
    private void keptStopped(BillableResource resource, TemplateView template, List<Balance> chain,
            Map<Long, ConsumptionUnits> promised) {
        var rate = template.currentRate().rate();
        var next = rate.stoppedCost(1);
        var uncovered = firstUncovered(chain, next, template.exhaustion().graceUnits(), promised);
        if (uncovered != null) {
            var level = uncovered.level();
            var stoppedAt = resource.history().isEmpty() ? "" : resource.history().getLast().at().toString();
            notifications.notify(resource.ownerUserId(), "budget", "'" + resource.name()
                    + "' is stopped but still costs units", named(level, chain)
                    + " cannot cover its next stopped span: it costs " + next + " units and "
                    + uncovered.available().max(ConsumptionUnits.ZERO) + " are available. A stopped '"
                    + template.name() + "' keeps its storage and costs " + rate.stoppedUnits() + " units per "
                    + per(rate) + " until it is deleted; delete it if you no longer need it, or ask for more budget."
                    + " Nothing is deleted for you.", "stopped-uncovered:" + resource.id() + ":" + stoppedAt);
        }
        promise(chain, next, promised);
    }

    /** A level that cannot cover a span, and what it has available once the promised spans are counted. */
    private record Uncovered(Balance level, ConsumptionUnits available) {
    }

    /**
     * The first level in the chain's order (the organization first) that cannot cover {@code next} plus the
     * grace, counting first what the resources checked before in the run will burn next; null when
     * every level can.
     */
    private static @Nullable Uncovered firstUncovered(List<Balance> chain, ConsumptionUnits next,
            ConsumptionUnits grace, Map<Long, ConsumptionUnits> promised) {
        for (var level : chain) {
            var available = level.available();
            if (available == null) {
                continue;
            }
            available = available.minus(promised.getOrDefault(level.accountId(), ConsumptionUnits.ZERO));
            if (next.exceeds(available.plus(grace))) {
                return new Uncovered(level, available);
            }
        }
        return null;
    }

    /** A resource that keeps running will burn its next span at every level of its chain. */
    private static void promise(List<Balance> chain, ConsumptionUnits next, Map<Long, ConsumptionUnits> promised) {
        chain.forEach(level -> promised.merge(level.accountId(), next, ConsumptionUnits::plus));
    }

    private boolean exhausted(BillableResource resource, TemplateView template, List<Balance> chain, Balance level,
            ConsumptionUnits next, ConsumptionUnits available) {
        var runStart = resource.history().isEmpty() ? "" : resource.history().getLast().at().toString();
        String why = named(level, chain) + " cannot cover the next span of '"
                + resource.name() + "': it costs " + next + " units and " + available + " are available.";
        var action = template.exhaustion().action();
        var gracePeriod = template.exhaustion().gracePeriod();
        if (action != ExhaustionAction.NOTIFY_ONLY && gracePeriod.isPositive()) {
            var now = clock.instant();
            var since = resource.exhaustedSince() != null ? resource.exhaustedSince()
                    : provisioning.exhaustedSince(resource.id(), now);
            var until = since.plus(gracePeriod);
            if (now.isBefore(until)) {
                notifications.notify(resource.ownerUserId(), "budget", "'" + resource.name() + "' will be "
                        + (action == ExhaustionAction.SUSPEND ? "suspended" : "stopped") + " at " + until
                        + " unless budget is added", why + " Its template grants a grace period of "
                        + gracePeriod.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                        + ": it keeps running until then.", "grace:" + resource.id() + ":" + since);
                return false;
            }
        }
        if (action == ExhaustionAction.NOTIFY_ONLY) {
            notifications.notify(resource.ownerUserId(), "budget", "Budget exhausted for '" + resource.name() + "'",
                    why + " It keeps running; ask for more budget.", "exhausted:" + resource.id() + ":" + runStart);
            return false;
        }
        boolean suspend = action == ExhaustionAction.SUSPEND;
        try {
            provisioning.stopForBudget(resource.id(), suspend, why);
        } catch (RuntimeException e) {
            log.warn("Could not {} resource {} for lack of budget: {}", suspend ? "suspend" : "stop", resource.id(),
                    e.getMessage());
            return false;
        }
        notifications.notify(resource.ownerUserId(), "budget", "'" + resource.name() + "' was "
                + (suspend ? "suspended" : "stopped") + " for lack of budget", why + (suspend
                        ? " It is kept as it is and can be started again once budget is added." : " Nothing was deleted.")
                        + (suspend ? "" : stillCosts(template)), "exhausted:" + resource.id() + ":" + runStart);
        return true;
    }

    /** For a template that bills stopped resources: what a stopped one goes on costing, and what to do. */
    private static String stillCosts(TemplateView template) {
        var rate = template.currentRate() == null ? null : template.currentRate().rate();
        if (rate == null || !rate.stoppedUnits().isPositive()) {
            return "";
        }
        return " Stopped, it keeps its storage and still costs " + rate.stoppedUnits() + " units per " + per(rate)
                + "; delete it if you no longer need it.";
    }

    /** "1h", "30m": the period a rate is quoted per. */
    private static String per(BurnRate rate) {
        return rate.per().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Tells the level's people once per threshold crossed: the member for their allocation, the group
     * admin above. {@code told} keeps what this chunk already told, so a level shared by many
     * resources is not told again for each (the notifications' own key would refuse it anyway), and
     * {@code percentUsed} each level's share used, worked out once per chunk.
     */
    private void warn(BillableResource resource, TemplateView template, List<Balance> chain, long groupOwner,
            Set<String> told, Map<Long, BigDecimal> percentUsed) {
        for (var level : chain) {
            if (level.kind() == AccountKind.ORGANIZATION || !level.allocated().isPositive()) {
                continue;
            }
            var used = percentUsed.computeIfAbsent(level.accountId(), id -> level.consumed().plus(level.held())
                    .value().multiply(HUNDRED).divide(level.allocated().value(), 2, RoundingMode.DOWN));
            long user = level.kind() == AccountKind.MEMBERSHIP ? resource.ownerUserId() : groupOwner;
            for (int threshold : template.exhaustion().warnAt()) {
                if (used.compareTo(BigDecimal.valueOf(threshold)) < 0) {
                    continue;
                }
                String key = "threshold:" + level.accountId() + ":" + threshold;
                if (told.add(user + "/" + key)) {
                    notifications.notify(user, "budget", whose(level, chain) + " is " + threshold + "% used",
                            level.consumed() + " of " + level.allocated() + " units are consumed and " + level.held()
                                    + " held.", key);
                }
            }
        }
    }

    /** The level for anyone to read: a member's allocation with its group, other levels by their kind and name. */
    private static String named(Balance level, List<Balance> chain) {
        var name = "The " + level.kind().label() + " '" + level.name() + "'";
        return groupOfMembership(level, chain).map(group -> name + " in '" + group.name() + "'").orElse(name);
    }

    /**
     * The level as its reader knows it: a member is told about their own allocation, which bears
     * their name, so it is named by its group; other levels by their kind and name.
     */
    private static String whose(Balance level, List<Balance> chain) {
        return groupOfMembership(level, chain).map(group -> "Your allocation in '" + group.name() + "'")
                .orElseGet(() -> named(level, chain));
    }

    /** The group a member allocation belongs to; empty for any other level. */
    private static Optional<Balance> groupOfMembership(Balance level, List<Balance> chain) {
        return level.kind() != AccountKind.MEMBERSHIP ? Optional.empty()
                : chain.stream().filter(other -> other.kind() == AccountKind.GROUP).findFirst();
    }
}
