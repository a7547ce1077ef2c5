package org.burnrate.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAccounts;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.ExhaustionAction;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.Balance;
import org.burnrate.ledger.Ledger;
import org.burnrate.notification.Notifications;
import org.burnrate.provisioning.MeteringFeed.BillableResource;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ResourceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The exhaustion ladder, applied after each chunk is written: whoever a budget level belongs to is
 * told once per warning threshold it crosses; when some level cannot cover a running resource's
 * next span (beyond the template's grace amount), the template's action follows: stop, suspend,
 * or only notify. Nothing is ever deleted for lack of budget.
 */
@Component
class ExhaustionLadder {

    private static final Logger log = LoggerFactory.getLogger(ExhaustionLadder.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Ledger ledger;
    private final BudgetAccounts accounts;
    private final Notifications notifications;
    private final ProvisioningService provisioning;

    ExhaustionLadder(Ledger ledger, BudgetAccounts accounts, Notifications notifications,
            ProvisioningService provisioning) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.notifications = notifications;
        this.provisioning = provisioning;
    }

    /** Checks a metered resource; answers whether it was stopped or suspended. */
    boolean apply(BillableResource resource, TemplateView template) {
        var chain = chain(resource.accountId());
        var groupOwner = accounts.of(resource.groupId()).ownerUserId();
        warn(resource, template, chain, groupOwner);
        if (resource.state() != ResourceState.RUNNING || template.billing() != Billing.TIME
                || template.currentRate() == null || !template.currentRate().rate().burnsWhileRunning()) {
            return false;
        }
        var next = template.currentRate().rate().minimumCharge();
        var grace = template.exhaustion().graceUnits();
        for (var level : chain) {
            var available = level.available();
            if (available != null && next.exceeds(available.plus(grace))) {
                return exhausted(resource, template, level, next, available);
            }
        }
        return false;
    }

    private boolean exhausted(BillableResource resource, TemplateView template, Balance level, ConsumptionUnits next,
            ConsumptionUnits available) {
        var runStart = resource.history().isEmpty() ? "" : resource.history().getLast().at().toString();
        String why = "The " + level.kind().label() + " '" + level.name() + "' cannot cover the next span of '"
                + resource.name() + "': it costs " + next + " units and " + available + " are available.";
        var action = template.exhaustion().action();
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
                        ? " It is kept as it is and can be started again once budget is added." : " Nothing was deleted."),
                "exhausted:" + resource.id() + ":" + runStart);
        return true;
    }

    /** Tells the level's people once per threshold crossed: the member for their allocation, the group admin above. */
    private void warn(BillableResource resource, TemplateView template, List<Balance> chain, long groupOwner) {
        for (var level : chain) {
            if (level.kind() == AccountKind.ORGANIZATION || !level.allocated().isPositive()) {
                continue;
            }
            var used = level.consumed().plus(level.held()).value().multiply(HUNDRED)
                    .divide(level.allocated().value(), 2, RoundingMode.DOWN);
            long told = level.kind() == AccountKind.MEMBERSHIP ? resource.ownerUserId() : groupOwner;
            for (int threshold : template.exhaustion().warnAt()) {
                if (used.compareTo(BigDecimal.valueOf(threshold)) >= 0) {
                    notifications.notify(told, "budget", "The " + level.kind().label() + " '" + level.name() + "' is "
                            + threshold + "% used", level.consumed() + " of " + level.allocated()
                            + " units are consumed and " + level.held() + " held.",
                            "threshold:" + level.accountId() + ":" + threshold);
                }
            }
        }
    }

    private List<Balance> chain(long accountId) {
        var ids = ledger.ancestry(accountId);
        var balances = ledger.balances(ids);
        return ids.stream().map(balances::get).toList();
    }

}
