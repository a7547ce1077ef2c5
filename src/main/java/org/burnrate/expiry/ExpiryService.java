package org.burnrate.expiry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.burnrate.budget.BudgetExpiry;
import org.burnrate.budget.BudgetExpiry.AdminBudgetEnded;
import org.burnrate.budget.BudgetExpiry.EndingAdminBudget;
import org.burnrate.budget.BudgetExpiry.EndingGroup;
import org.burnrate.budget.BudgetExpiry.GroupEnded;
import org.burnrate.metering.MeteringService;
import org.burnrate.notification.Notifications;
import org.burnrate.provisioning.MeteringFeed;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforces end dates. A group's end date and a group-admin budget's period end are their last days
 * (UTC). Seven days and one day before, the people concerned are reminded; from the day after, the
 * running resources are stopped through their providers (outside any transaction), what they owe up
 * to the stop is debited (which also settles their holds), and the unused remainder returns up the
 * chain, with everyone told, in one transaction per group or budget. Everything is keyed so that a
 * second run, or a run on another node, changes nothing and tells nobody twice; what cannot end yet
 * (a stop its provider has not confirmed) is left for the next run.
 */
@Service
public class ExpiryService {

    static final String TOPIC = "budget.expiry";

    private static final Logger log = LoggerFactory.getLogger(ExpiryService.class);

    private final BudgetExpiry budgets;
    private final ProvisioningService provisioning;
    private final MeteringFeed feed;
    private final MeteringService metering;
    private final Notifications notifications;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ExpiryService(BudgetExpiry budgets, ProvisioningService provisioning, MeteringFeed feed, MeteringService metering,
            Notifications notifications, PlatformTransactionManager transactions, Clock clock) {
        this.budgets = budgets;
        this.provisioning = provisioning;
        this.feed = feed;
        this.metering = metering;
        this.notifications = notifications;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Sends the reminders that are due and ends what has passed its last day. The scheduler calls this hourly. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public ExpiryRun run() {
        var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int reminders = remindGroups(today) + remindAdmins(today);
        var yesterday = today.minusDays(1);
        var groupsDue = budgets.groupsEndingBy(yesterday);
        var adminsDue = budgets.adminBudgetsEndingBy(yesterday);
        List<String> deferred = new ArrayList<>();
        int groupsEnded = 0;
        int adminsEnded = 0;
        if (!groupsDue.isEmpty() || !adminsDue.isEmpty()) {
            var stillActive = stopResources(groupsDue, adminsDue);
            // Everything owed up to this instant is debited by the run that follows; after it, nothing.
            var settledUpTo = clock.instant();
            if (settleWhatTheyOwe()) {
                for (var group : groupsDue) {
                    if (canEnd("group " + group.groupId() + " '" + group.name() + "'", List.of(group.groupId()),
                            stillActive, deferred)) {
                        groupsEnded += endGroup(group, settledUpTo, deferred);
                    }
                }
                for (var budget : adminsDue) {
                    if (canEnd("group-admin budget " + budget.adminBudgetId() + " of " + budget.displayName(),
                            budget.groupIds(), stillActive, deferred)) {
                        adminsEnded += endAdminBudget(budget, settledUpTo, deferred);
                    }
                }
            } else {
                deferred.add("the debit run before the end failed or skipped resources;"
                        + " what ends waits for the next run");
            }
        }
        var run = new ExpiryRun(today, reminders, groupsEnded, adminsEnded, List.copyOf(deferred));
        if (reminders + groupsEnded + adminsEnded > 0 || !deferred.isEmpty()) {
            log.info("Expiry run for {}: {} reminders, {} groups and {} group-admin budgets ended, {} deferred {}",
                    today, reminders, groupsEnded, adminsEnded, deferred.size(), deferred);
        }
        return run;
    }

    // --- reminders -------------------------------------------------------------------------------

    private int remindGroups(LocalDate today) {
        int sent = 0;
        for (var group : budgets.groupsEndingBy(today.plusDays(7))) {
            if (group.endDate().isBefore(today)) {
                continue; // ending, not a reminder
            }
            long days = ChronoUnit.DAYS.between(today, group.endDate());
            String key = "group-ends:" + group.groupId() + ":" + group.endDate() + ":" + reminderMark(days);
            String title = "Group '" + group.name() + "' has its last day " + inDays(days);
            String body = "The group's last day is " + group.endDate() + " (UTC). After that day its running "
                    + "resources are stopped, nothing more can be started in it, and its unused budget returns to "
                    + "the group admin. What was used stays on record.";
            sent += tell(recipients(group), title, body, key);
        }
        return sent;
    }

    private int remindAdmins(LocalDate today) {
        int sent = 0;
        for (var budget : budgets.adminBudgetsEndingBy(today.plusDays(7))) {
            if (budget.periodEnd().isBefore(today)) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(today, budget.periodEnd());
            String key = "admin-budget-ends:" + budget.adminBudgetId() + ":" + budget.periodEnd() + ":"
                    + reminderMark(days);
            String title = "Your group-admin budget has its last day " + inDays(days);
            String body = "Your budget period's last day is " + budget.periodEnd() + " (UTC). After that day the "
                    + "running resources of your groups are stopped, your groups end, and the unused remainder "
                    + "returns to the organization pool. Ask a system admin if the period should be longer.";
            sent += tell(List.of(budget.userId()), title, body, key);
        }
        return sent;
    }

    /** Two reminders: the one a week ahead (sent from seven days before), and the last one (from the day before). */
    private static String reminderMark(long daysLeft) {
        return daysLeft <= 1 ? "1d" : "7d";
    }

    private static String inDays(long days) {
        return days == 0 ? "today" : days == 1 ? "tomorrow" : "in " + days + " days";
    }

    // --- ends ------------------------------------------------------------------------------------

    /** Stops every running resource of the groups that end, and answers per group how many still run or may start. */
    private Map<Long, Integer> stopResources(List<EndingGroup> groupsDue, List<EndingAdminBudget> adminsDue) {
        Map<Long, String> reasons = new java.util.LinkedHashMap<>();
        groupsDue.forEach(g -> reasons.put(g.groupId(), "group ended"));
        adminsDue.forEach(b -> b.groupIds().forEach(id -> reasons.putIfAbsent(id, "budget period ended")));
        Map<Long, Integer> stillActive = new HashMap<>();
        reasons.forEach((groupId, reason) -> {
            try {
                stillActive.put(groupId, provisioning.stopAllInGroup(groupId, reason));
            } catch (RuntimeException e) {
                log.warn("Could not stop the resources of group {}; its end waits for the next run", groupId, e);
                stillActive.put(groupId, -1);
            }
        });
        return stillActive;
    }

    /**
     * Debits what the stopped resources owe up to their stop before anything is reclaimed, so that
     * their consumption is counted where it was spent and their holds are settled. Answers whether
     * every resource was metered: otherwise nothing ends this run, as what it owes would be lost.
     */
    private boolean settleWhatTheyOwe() {
        try {
            return metering.run("expiry").errors() == 0;
        } catch (RuntimeException e) {
            log.warn("Metering before the expiry failed", e);
            return false;
        }
    }

    private static boolean canEnd(String what, List<Long> groupIds, Map<Long, Integer> stillActive,
            List<String> deferred) {
        var waiting = groupIds.stream().filter(id -> stillActive.getOrDefault(id, 0) != 0).toList();
        if (waiting.isEmpty()) {
            return true;
        }
        deferred.add(what + ": resources of group" + (waiting.size() == 1 ? " " : "s ")
                + waiting.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " are still running or waiting for their provider");
        return false;
    }

    private int endGroup(EndingGroup group, Instant settledUpTo, List<String> deferred) {
        try {
            Integer ended = transaction.execute(status -> budgets.expireGroup(group.groupId()).map(done -> {
                feed.endBilling(List.of(group.groupId()), settledUpTo);
                tellGroupEnded(done, true);
                return 1;
            }).orElse(0));
            return ended == null ? 0 : ended;
        } catch (RuntimeException e) {
            log.warn("Could not end group {}; the next run tries again", group.groupId(), e);
            deferred.add("group " + group.groupId() + " '" + group.name() + "': " + e.getMessage());
            return 0;
        }
    }

    private int endAdminBudget(EndingAdminBudget budget, Instant settledUpTo, List<String> deferred) {
        try {
            Integer ended = transaction.execute(status -> budgets.expireAdminBudget(budget.adminBudgetId())
                    .map(done -> {
                        feed.endBilling(budget.groupIds(), settledUpTo);
                        tellAdminBudgetEnded(done);
                        return 1;
                    }).orElse(0));
            return ended == null ? 0 : ended;
        } catch (RuntimeException e) {
            log.warn("Could not end group-admin budget {}; the next run tries again", budget.adminBudgetId(), e);
            deferred.add("group-admin budget " + budget.adminBudgetId() + " of " + budget.displayName() + ": "
                    + e.getMessage());
            return 0;
        }
    }

    private void tellGroupEnded(GroupEnded done, boolean tellOwner) {
        var group = done.group();
        String key = "group-ended:" + group.groupId();
        String title = "Group '" + group.name() + "' has ended";
        String stopped = "Its last day was " + group.endDate() + ". Its running resources were stopped; what they "
                + "used stays on record.";
        tell(group.memberUserIds().stream().filter(id -> id != group.ownerUserId()).toList(), title,
                stopped + " Unused allocations went back to the group admin.", key);
        if (tellOwner) {
            tell(List.of(group.ownerUserId()), title, stopped + " Its unused " + done.returned()
                    + " units returned to your budget.", key);
        }
    }

    private void tellAdminBudgetEnded(AdminBudgetEnded done) {
        var budget = done.budget();
        done.groupsEnded().forEach(group -> tellGroupEnded(group, false));
        String groups = done.groupsEnded().isEmpty() ? ""
                : " The group" + (done.groupsEnded().size() == 1 ? " " : "s ") + done.groupsEnded().stream()
                        .map(g -> "'" + g.group().name() + "'").collect(Collectors.joining(", "))
                        + " ended with it.";
        tell(List.of(budget.userId()), "Your group-admin budget period has ended", "Its last day was "
                + budget.periodEnd() + ". The running resources of your groups were stopped." + groups + " The unused "
                + done.returned() + " units returned to the organization pool.",
                "admin-budget-ended:" + budget.adminBudgetId());
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Long> recipients(EndingGroup group) {
        var everyone = new LinkedHashSet<>(group.memberUserIds());
        everyone.add(group.ownerUserId());
        return List.copyOf(everyone);
    }

    /** Tells each person once per key, in one transaction (the caller's, when there is one). */
    private int tell(List<Long> userIds, String title, String body, String dedupKey) {
        Integer told = transaction.execute(status -> (int) userIds.stream()
                .filter(userId -> notifications.notify(userId, TOPIC, title, body, dedupKey)).count());
        return told == null ? 0 : told;
    }
}
