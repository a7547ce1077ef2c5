package org.burnrate.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.UpstreamException;
import org.burnrate.budget.BudgetAccounts;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.TemplateDirectory;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.Balance;
import org.burnrate.ledger.Ledger;
import org.burnrate.organization.People;
import org.burnrate.organization.UserSummary;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quotes, provisioning, start, stop and delete. Each action runs in three steps: a transaction that
 * checks the rules and places the hold (refused as a whole when any budget level cannot cover it),
 * the provider call outside any transaction, and a transaction that records what the provider
 * confirmed, releasing the hold when nothing started.
 */
@Service
public class ProvisioningService {

    /** The longest "start for N hours" accepted. */
    public static final Duration LONGEST_RUN = Duration.ofDays(31);
    public static final int MAX_NAME = 120;

    private final CloudResourceRepository resources;
    private final ResourceStateChangeRepository history;
    private final ResourceScopes scopes;
    private final TemplateDirectory templates;
    private final BudgetAccounts accounts;
    private final Ledger ledger;
    private final CurrencySettings currency;
    private final People people;
    private final Providers providers;
    private final CurrentUser currentUser;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    ProvisioningService(CloudResourceRepository resources, ResourceStateChangeRepository history,
            ResourceScopes scopes, TemplateDirectory templates, BudgetAccounts accounts, Ledger ledger,
            CurrencySettings currency, People people, Providers providers, CurrentUser currentUser,
            PlatformTransactionManager transactions, Clock clock) {
        this.resources = resources;
        this.history = history;
        this.scopes = scopes;
        this.templates = templates;
        this.accounts = accounts;
        this.ledger = ledger;
        this.currency = currency;
        this.people = people;
        this.providers = providers;
        this.currentUser = currentUser;
        this.transaction = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    /** What the caller asks for: a template, a name, optionally a time limit and the container for a child. */
    public record ProvisionRequest(long templateId, @Nullable String name, @Nullable Duration runFor,
            @Nullable Long parentResourceId, boolean shared) {
    }

    /**
     * The quote for starting a resource from the template in this group: the rate, what the minimum
     * span costs, and at every level the caller's spending passes through, what is available and
     * how long it lasts. For a group's admin (or with {@code shared}) the levels are the admin's
     * budget and the organization; for a member, their allocation, the group, the admin and the organization.
     */
    @PreAuthorize("@budgetScopes.canSeeGroup(#groupId)")
    @Transactional(readOnly = true)
    public Quote quote(long groupId, long templateId, boolean shared) {
        var payer = payer(groupId, shared);
        var template = usableTemplate(groupId, templateId);
        return quote(template, payer);
    }

    /** Provisions a resource; answers it as recorded after the provider's answer (FAILED, with the reason, if it failed). */
    @PreAuthorize("@budgetScopes.canSeeGroup(#groupId)")
    public ResourceView provision(long groupId, ProvisionRequest request) {
        String actor = currentUser.actorName();
        var prepared = transaction.execute(status -> prepareProvision(groupId, request));
        var response = call(prepared.provider(), provider -> provider.create(prepared.request()));
        transaction.executeWithoutResult(status -> {
            var resource = resources.findById(prepared.resourceId()).orElseThrow();
            record(resource, response, ResourceState.PROVISIONING, actor, "created");
        });
        return view(prepared.resourceId());
    }

    /** Starts a stopped or suspended resource, holding its minimum span; {@code runFor} stops it again after that long. */
    @PreAuthorize("@resourceScopes.canManage(#resourceId)")
    public ResourceView start(long resourceId, @Nullable Duration runFor) {
        String actor = currentUser.actorName();
        var prepared = transaction.execute(status -> {
            var resource = resources.findById(resourceId).orElseThrow();
            var template = templates.find(resource.templateId()).orElseThrow();
            requireGroupOpen(accounts.of(resource.groupId()));
            var rate = requireRate(template);
            checkRunFor(runFor);
            Long hold = holdMinimumSpan(resource.id(), resource.accountId(), template, rate, resource.name());
            resource.requestStart(hold, runFor == null ? null : clock.instant().plus(runFor));
            return new Prepared(resource.id(), resource.provider(), providerRequest(resource, template));
        });
        var response = call(prepared.provider(), provider -> provider.start(prepared.request()));
        finish(prepared.resourceId(), response, actor, "start");
        return view(resourceId);
    }

    /** Stops a running resource; a container's running children are stopped first. */
    @PreAuthorize("@resourceScopes.canManage(#resourceId)")
    public ResourceView stop(long resourceId) {
        String actor = currentUser.actorName();
        stopNow(resourceId, actor);
        return view(resourceId);
    }

    /**
     * Deletes a resource. A container with live children is refused unless {@code withChildren}
     * confirms deleting them too.
     */
    @PreAuthorize("@resourceScopes.canManage(#resourceId)")
    public ResourceView delete(long resourceId, boolean withChildren) {
        String actor = currentUser.actorName();
        var children = readOnly.execute(status -> resources.liveChildrenOf(resourceId).stream().map(CloudResource::id)
                .toList());
        if (!children.isEmpty() && !withChildren) {
            throw new ConflictException("This container still holds " + children.size() + " app"
                    + (children.size() == 1 ? "" : "s") + ". Confirm deleting " + (children.size() == 1 ? "it" : "them")
                    + " too (withChildren=true), or delete " + (children.size() == 1 ? "it" : "them") + " first.");
        }
        children.forEach(child -> deleteNow(child, actor));
        deleteNow(resourceId, actor);
        return view(resourceId);
    }

    @PreAuthorize("@resourceScopes.canSee(#resourceId)")
    @Transactional(readOnly = true)
    public ResourceView get(long resourceId) {
        return views(List.of(scopes.visible(resourceId))).getFirst();
    }

    /** The caller's own live resources, in every group, newest first. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<ResourceView> myResources() {
        return views(resources.liveOwnedBy(currentUser.require().id()));
    }

    /** The group's live resources the caller may see: all for its admin, else their own and the shared ones. */
    @PreAuthorize("@budgetScopes.canSeeGroup(#groupId)")
    @Transactional(readOnly = true)
    public List<ResourceView> groupResources(long groupId) {
        var all = resources.liveInGroup(groupId);
        if (scopes.seesWholeGroup(groupId)) {
            return views(all);
        }
        long me = currentUser.require().id();
        return views(all.stream().filter(r -> r.ownerUserId() == me || r.shared()).toList());
    }

    /** The running containers of the group that the caller may put a child into. */
    @PreAuthorize("@budgetScopes.canSeeGroup(#groupId)")
    @Transactional(readOnly = true)
    public List<ResourceView> containersFor(long groupId, long childTemplateId) {
        var child = templates.find(childTemplateId).orElse(null);
        if (child == null || child.kind() != TemplateKind.CHILD) {
            return List.of();
        }
        return groupResources(groupId).stream().filter(r -> r.state() == ResourceState.RUNNING)
                .filter(r -> r.templateId() == child.parentTemplateId()).toList();
    }

    /**
     * Applies a state change a provider reports after the fact (a signed callback, or the simulated
     * provider's delayed confirmation). Late, repeated or impossible reports change nothing.
     *
     * @return whether the report changed the resource
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public boolean applyProviderReport(ProviderReport report) {
        Boolean changed = transaction.execute(status -> {
            var resource = resources.findById(report.resourceId()).orElseThrow(
                    () -> ResourceScopes.notFound(report.resourceId()));
            if (!resource.provider().equals(report.provider())) {
                throw new InvalidInputException("Resource " + report.resourceId() + " is not managed by the provider '"
                        + report.provider() + "'.");
            }
            resource.accepted(report.providerRef());
            return confirm(resource, report.state(), report.at(), "provider " + report.provider(),
                    report.message() == null ? "reported by the provider" : report.message());
        });
        return Boolean.TRUE.equals(changed);
    }

    /**
     * Stops (or suspends) a running resource because a budget level cannot cover its next span: the
     * exhaustion ladder's last step. Nothing is deleted; a suspended resource starts again once
     * budget is added.
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public ResourceView stopForBudget(long resourceId, boolean suspend, String reason) {
        var prepared = transaction.execute(status -> {
            var resource = resources.findById(resourceId).orElseThrow(() -> ResourceScopes.notFound(resourceId));
            resource.requestStop();
            var template = templates.find(resource.templateId()).orElseThrow();
            return new Prepared(resource.id(), resource.provider(), providerRequest(resource, template));
        });
        var response = call(prepared.provider(), provider -> provider.stop(prepared.request()));
        if (suspend && response.outcome() == ProviderResponse.Outcome.CONFIRMED
                && stateOf(response) == ResourceState.STOPPED) {
            response = ProviderResponse.confirmed(ResourceState.SUSPENDED, atOf(response), response.providerRef());
        }
        var outcome = response;
        transaction.executeWithoutResult(status -> {
            var resource = resources.findById(resourceId).orElseThrow();
            resource.accepted(outcome.providerRef());
            switch (outcome.outcome()) {
                case CONFIRMED -> confirm(resource, stateOf(outcome), atOf(outcome), "system (budget)", reason);
                case ACCEPTED -> {
                }
                case FAILED -> resource.refused(message(outcome));
            }
        });
        return view(resourceId);
    }

    /**
     * When no budget level could first cover the resource's next span in its current run: recorded
     * now unless an earlier check recorded it already. The template's grace period counts from it.
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public Instant exhaustedSince(long resourceId, Instant now) {
        return transaction.execute(status -> {
            resources.markExhausted(resourceId, now);
            return resources.exhaustedSince(resourceId).orElseThrow(() -> ResourceScopes.notFound(resourceId));
        });
    }

    /** Budget covers the resource again (some was added): a later exhaustion starts a new grace period. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public void coveredAgain(long resourceId) {
        transaction.executeWithoutResult(status -> resources.clearExhausted(resourceId));
    }

    /** Stops every running resource whose "start for N hours" has run out. The scheduler calls this. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public int stopExpiredRuns() {
        var due = readOnly.execute(status -> resources.runningWithStopAtReached(clock.instant()).stream()
                .map(CloudResource::id).toList());
        int stopped = 0;
        for (long id : due) {
            try {
                stopNow(id, "system (run time over)");
                stopped++;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ProvisioningService.class)
                        .warn("Could not stop resource {} at the end of its run time: {}", id, e.getMessage());
            }
        }
        return stopped;
    }

    /**
     * Stops every running resource of the group, its shared ones and a container's apps included:
     * the end of the group's time or of its admin's budget period. Each provider call happens outside
     * any transaction; a resource that cannot be stopped now is logged and tried again next call.
     *
     * @param reason a few words for the state history, e.g. "group ended"
     * @return how many of the group's resources still run or may yet start (a creation, start or stop
     *         its provider has not confirmed): zero once nothing in the group can burn any more
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public int stopAllInGroup(long groupId, String reason) {
        var running = readOnly.execute(status -> {
            var live = resources.liveInGroup(groupId).stream()
                    .filter(r -> r.state() == ResourceState.RUNNING && r.pendingAction() == null).toList();
            var ids = live.stream().map(CloudResource::id).collect(java.util.stream.Collectors.toSet());
            // A running container stops its apps first, so they are not asked twice.
            return live.stream().filter(r -> r.parentResourceId() == null || !ids.contains(r.parentResourceId()))
                    .map(CloudResource::id).toList();
        });
        for (long id : running) {
            try {
                stopNow(id, "system (" + reason + ")");
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ProvisioningService.class)
                        .warn("Could not stop resource {} of group {} ({}): {}", id, groupId, reason, e.getMessage());
            }
        }
        Integer active = readOnly.execute(status -> (int) resources.liveInGroup(groupId).stream()
                .filter(r -> r.state() == ResourceState.RUNNING || r.state() == ResourceState.REQUESTED
                        || r.state() == ResourceState.PROVISIONING || r.pendingAction() == PendingAction.START)
                .count());
        return active == null ? 0 : active;
    }

    // ---------------------------------------------------------------------------------------------

    private record Payer(long groupId, long accountId, boolean shared, long userId, BudgetAccounts.GroupAccounts group) {
    }

    private record Prepared(long resourceId, String provider, ProviderRequest request) {
    }

    /** Whose budget a new resource of the caller in this group burns: their allocation, or, shared, the admin's budget. */
    private Payer payer(long groupId, boolean sharedRequested) {
        var group = accounts.of(groupId);
        long me = currentUser.require().id();
        var memberAccount = accounts.memberAccount(groupId, me);
        boolean owner = group.ownerUserId() == me;
        if (sharedRequested || memberAccount.isEmpty()) {
            if (!owner) {
                throw new org.springframework.security.access.AccessDeniedException(
                        memberAccount.isEmpty() ? "Only the group's members provision resources in it, and its group "
                                + "admin shared ones." : "Only the group's admin provisions shared resources.");
            }
            return new Payer(groupId, group.adminAccountId(), true, me, group);
        }
        return new Payer(groupId, memberAccount.get(), false, me, group);
    }

    private TemplateView usableTemplate(long groupId, long templateId) {
        var template = templates.find(templateId).filter(t -> templates.isAllowed(groupId, templateId))
                .orElseThrow(() -> new InvalidInputException("templateId", "The group does not offer a template with id "
                        + templateId + "; its catalog lists the ones it does."));
        if (!template.enabled()) {
            throw new InvalidInputException("templateId", "The template '" + template.name()
                    + "' is disabled; choose another from the catalog.");
        }
        return template;
    }

    private Quote quote(TemplateView template, Payer payer) {
        var version = template.currentRate();
        var value = currency.current().orElse(null);
        if (version == null) {
            return new Quote(template.id(), template.name(), null, null, ConsumptionUnits.ZERO, ConsumptionUnits.ZERO,
                    value == null ? null : value.currency().getCurrencyCode(), null, List.of(), false,
                    "The template '" + template.name() + "' has no rate yet; a system admin must set one.");
        }
        var rate = version.rate();
        var charge = template.billing() == Billing.TIME ? rate.minimumCharge() : ConsumptionUnits.ZERO;
        var chain = chain(payer.accountId());
        var levels = new ArrayList<Quote.Level>();
        String reason = null;
        for (var balance : chain) {
            var available = balance.available();
            levels.add(new Quote.Level(levelOf(balance.kind()), balance.name(), available,
                    template.billing() == Billing.TIME ? rate.lastsFor(available) : null));
            if (reason == null && available != null && charge.exceeds(available)) {
                reason = "The " + balance.kind().label() + " '" + balance.name() + "' has " + available
                        + " units available; the minimum span costs " + charge + " (short by "
                        + charge.minus(available) + ").";
            }
        }
        if (reason == null) {
            reason = instanceLimitReason(template, payer);
        }
        return new Quote(template.id(), template.name(), version, rate.minimumSpan(), charge, rate.unitsPerHour(),
                value == null ? null : value.currency().getCurrencyCode(), value == null ? null : value.valueOf(charge),
                levels, reason == null, reason);
    }

    private @Nullable String instanceLimitReason(TemplateView template, Payer payer) {
        var max = template.maxInstancesPerMember();
        if (max != null && resources.countLive(payer.groupId(), payer.userId(), template.id()) >= max) {
            return "You already have " + max + " resource" + (max == 1 ? "" : "s") + " from '" + template.name()
                    + "', the most one member may hold. Delete one first.";
        }
        return null;
    }

    /** The balances from the payer's account up to the organization, leaf first. */
    private List<Balance> chain(long accountId) {
        var ids = ledger.ancestry(accountId);
        var balances = ledger.balances(ids);
        return ids.reversed().stream().map(balances::get).toList();
    }

    private static Quote.LevelKind levelOf(AccountKind kind) {
        return switch (kind) {
            case MEMBERSHIP -> Quote.LevelKind.MEMBER;
            case GROUP -> Quote.LevelKind.GROUP;
            case GROUP_ADMIN -> Quote.LevelKind.GROUP_ADMIN;
            case ORGANIZATION -> Quote.LevelKind.ORGANIZATION;
        };
    }

    private Prepared prepareProvision(long groupId, ProvisionRequest request) {
        var template = usableTemplate(groupId, request.templateId());
        var payer = payer(groupId, request.shared() || template.kind() == TemplateKind.CONTAINER);
        if (template.kind() == TemplateKind.CONTAINER && !payer.shared()) {
            throw new InvalidInputException("templateId", "A container (hosting plan) is provisioned by the group's admin for the group.");
        }
        requireGroupOpen(payer.group());
        var version = requireRate(template);
        checkRunFor(request.runFor());
        String name = request.name() == null || request.name().isBlank() ? template.name() : request.name().strip();
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "A resource name has at most " + MAX_NAME + " characters.");
        }
        Long parentId = null;
        if (template.kind() == TemplateKind.CHILD) {
            parentId = requireContainer(groupId, template, request.parentResourceId()).id();
        } else if (request.parentResourceId() != null) {
            throw new InvalidInputException("parentResourceId", "Only a child (such as a web app) goes into a container.");
        }
        // The payer's accounts are locked root to leaf, as the hold would, so the instance count is serialized per member.
        ledger.lockChainOf(payer.accountId());
        var limit = instanceLimitReason(template, payer);
        if (limit != null) {
            throw new ConflictException(limit);
        }
        var now = clock.instant();
        var resource = resources.save(new CloudResource(groupId, template.id(), name, payer.userId(), payer.shared(),
                payer.accountId(), parentId, template.provider(),
                request.runFor() == null ? null : now.plus(request.runFor()), now));
        // Placed once the resource has its id, so that the hold is among the resource's own lines.
        resource.heldBy(holdMinimumSpan(resource.id(), payer.accountId(), template, version, name));
        history.save(new ResourceStateChange(resource.id(), ResourceState.REQUESTED, now, currentUser.actorName(), null,
                "requested from '" + template.name() + "'"));
        return new Prepared(resource.id(), resource.provider(), providerRequest(resource, template));
    }

    private CloudResource requireContainer(long groupId, TemplateView child, @Nullable Long parentResourceId) {
        if (parentResourceId == null) {
            throw new InvalidInputException("parentResourceId", "A '" + child.name()
                    + "' lives in a container: name the running hosting plan to put it in (parentResourceId).");
        }
        var parent = resources.findById(parentResourceId).filter(r -> r.groupId() == groupId)
                .filter(r -> r.shared() || r.ownerUserId() == currentUser.require().id())
                .orElseThrow(() -> new InvalidInputException("parentResourceId", "There is no container with id "
                        + parentResourceId + " in this group."));
        if (parent.templateId() != child.parentTemplateId()) {
            throw new InvalidInputException("parentResourceId", "A '" + child.name() + "' cannot live in '"
                    + parent.name() + "': it needs a container of another template.");
        }
        if (parent.state() != ResourceState.RUNNING) {
            throw new ConflictException("The container '" + parent.name() + "' is "
                    + parent.state().label().toLowerCase(java.util.Locale.ROOT) + "; apps go into a running container.");
        }
        return parent;
    }

    private org.burnrate.catalog.RateVersion requireRate(TemplateView template) {
        var version = template.currentRate();
        if (version == null) {
            throw new ConflictException("The template '" + template.name()
                    + "' has no rate yet; a system admin must set one before it can be used.");
        }
        return version;
    }

    private void requireGroupOpen(BudgetAccounts.GroupAccounts group) {
        var end = group.endDate();
        if (end != null && LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(end)) {
            throw new ConflictException("The group '" + group.groupName() + "' ended on " + end
                    + "; its resources can no longer be started.");
        }
    }

    private static void checkRunFor(@Nullable Duration runFor) {
        if (runFor != null && (runFor.compareTo(Duration.ofMinutes(1)) < 0 || runFor.compareTo(LONGEST_RUN) > 0)) {
            throw new InvalidInputException("runFor", "Run for at least PT1M (a minute) and at most P31D (31 days); "
                    + runFor + " is outside that.");
        }
    }

    private @Nullable Long holdMinimumSpan(long resourceId, long accountId, TemplateView template,
            org.burnrate.catalog.RateVersion version, String name) {
        if (template.billing() != Billing.TIME) {
            return null;
        }
        var charge = version.rate().minimumCharge();
        if (!charge.isPositive()) {
            return null;
        }
        return ledger.holdFor(resourceId, accountId, charge, "Hold for the first " + version.rate().minimumSpan()
                + " of '" + name + "' (" + template.name() + ")");
    }

    private ProviderRequest providerRequest(CloudResource resource, TemplateView template) {
        return new ProviderRequest(resource.id(), resource.name(), resource.groupId(), template.id(), template.name(),
                template.providerParameters(), resource.providerRef(), resource.parentResourceId());
    }

    private ProviderResponse call(String providerName, java.util.function.Function<ResourceProvider, ProviderResponse> action) {
        var provider = providers.named(providerName);
        if (provider.isEmpty()) {
            return ProviderResponse.failed("No provider named '" + providerName + "' is configured; the installed ones are "
                    + providers.names() + ".");
        }
        try {
            return action.apply(provider.get());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ProvisioningService.class).warn("Provider {} failed", providerName, e);
            return ProviderResponse.failed("The provider '" + providerName + "' failed: " + e.getMessage());
        }
    }

    /** Records a create's outcome: confirmed, accepted (now provisioning), or failed (hold released). */
    private void record(CloudResource resource, ProviderResponse response, ResourceState whenAccepted, String actor,
            String what) {
        resource.accepted(response.providerRef());
        switch (response.outcome()) {
            case CONFIRMED -> confirm(resource, stateOf(response), atOf(response), actor, "confirmed by the provider");
            case ACCEPTED -> confirm(resource, whenAccepted, clock.instant(), actor, "accepted by the provider");
            case FAILED -> {
                resource.noteFailure(message(response));
                confirm(resource, ResourceState.FAILED, clock.instant(), actor, message(response));
            }
        }
    }

    /** Records the outcome of start, stop or delete; a refusal leaves the state as it was and is reported. */
    private void finish(long resourceId, ProviderResponse response, String actor, String what) {
        String failure = transaction.execute(status -> {
            var resource = resources.findById(resourceId).orElseThrow();
            resource.accepted(response.providerRef());
            switch (response.outcome()) {
                case CONFIRMED -> confirm(resource, stateOf(response), atOf(response), actor, "confirmed by the provider");
                case ACCEPTED -> {
                }
                case FAILED -> {
                    var hold = resource.refused(message(response));
                    if (hold != null) {
                        ledger.releaseHold(hold, "The provider refused to " + what + " '" + resource.name() + "'");
                    }
                    return message(response);
                }
            }
            return null;
        });
        if (failure != null) {
            throw new UpstreamException("Could not " + what + " this resource: " + failure);
        }
    }

    private void stopNow(long resourceId, String actor) {
        var children = readOnly.execute(status -> resources.liveChildrenOf(resourceId).stream()
                .filter(c -> c.state() == ResourceState.RUNNING).map(CloudResource::id).toList());
        children.forEach(child -> stopNow(child, actor));
        var prepared = transaction.execute(status -> {
            var resource = resources.findById(resourceId).orElseThrow();
            resource.requestStop();
            var template = templates.find(resource.templateId()).orElseThrow();
            return new Prepared(resource.id(), resource.provider(), providerRequest(resource, template));
        });
        var response = call(prepared.provider(), provider -> provider.stop(prepared.request()));
        finish(resourceId, response, actor, "stop");
    }

    private void deleteNow(long resourceId, String actor) {
        var prepared = transaction.execute(status -> {
            var resource = resources.findById(resourceId).orElseThrow();
            if (resource.state() == ResourceState.FAILED || resource.state() == ResourceState.REQUESTED
                    && resource.providerRef() == null && resource.pendingAction() == null) {
                // Never made at the provider: nothing to ask it.
                resource.requestDelete();
                confirm(resource, ResourceState.DELETED, clock.instant(), actor, "deleted");
                return null;
            }
            resource.requestDelete();
            var template = templates.find(resource.templateId()).orElseThrow();
            return new Prepared(resource.id(), resource.provider(), providerRequest(resource, template));
        });
        if (prepared == null) {
            return;
        }
        var response = call(prepared.provider(), provider -> provider.delete(prepared.request()));
        finish(resourceId, response, actor, "delete");
    }

    /** Applies a confirmed state (ignoring late or impossible ones) and moves or releases the pending hold. */
    private boolean confirm(CloudResource resource, ResourceState state, Instant at, String by, String note) {
        var last = history.lastChangeAt(resource.id()).orElse(null);
        var outcome = resource.confirm(state, at, last);
        if (outcome == null) {
            return false;
        }
        history.save(new ResourceStateChange(resource.id(), state, at, by, outcome.holdForRun(), note));
        if (outcome.holdToRelease() != null) {
            ledger.releaseHold(outcome.holdToRelease(), "'" + resource.name() + "' did not start ("
                    + state.label().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return true;
    }

    private ResourceState stateOf(ProviderResponse response) {
        return response.state() == null ? ResourceState.RUNNING : response.state();
    }

    private Instant atOf(ProviderResponse response) {
        return response.at() == null ? clock.instant() : response.at();
    }

    private static String message(ProviderResponse response) {
        return response.message() == null ? "the provider gave no reason" : response.message();
    }

    private ResourceView view(long resourceId) {
        return readOnly.execute(status -> views(List.of(resources.findById(resourceId).orElseThrow())).getFirst());
    }

    private List<ResourceView> views(Collection<CloudResource> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        var now = clock.instant();
        Map<Long, List<StateChange>> histories = new HashMap<>();
        history.historiesOf(found.stream().map(CloudResource::id).toList())
                .forEach(c -> histories.computeIfAbsent(c.resourceId(), k -> new ArrayList<>()).add(c.view()));
        Map<Long, UserSummary> owners = people.findByIds(found.stream().map(CloudResource::ownerUserId).distinct().toList());
        Map<Long, TemplateView> templateById = new HashMap<>();
        Map<Long, List<org.burnrate.catalog.RateVersion>> ratesById = new HashMap<>();
        Map<Long, String> groupNames = new HashMap<>();
        found.forEach(r -> templateById.computeIfAbsent(r.templateId(), id -> templates.find(id).orElseThrow()));
        // Usage is charged as it is reported, not derived from the history: what it costs is what was debited.
        var usageCosts = ledger.debitedFor(found.stream()
                .filter(r -> templateById.get(r.templateId()).billing() == Billing.PER_OPERATION)
                .map(CloudResource::id).toList());
        return found.stream().map(r -> {
            var template = templateById.get(r.templateId());
            var rates = ratesById.computeIfAbsent(r.templateId(), templates::rates);
            var changes = histories.getOrDefault(r.id(), List.of());
            var cost = template.billing() == Billing.TIME
                    ? SpanMeter.total(SpanMeter.owed(SpanMeter.periods(changes), rates,
                            SpanMeter.billedUntil(r.billingEndsAt(), now)))
                    : usageCosts.get(r.id());
            var owner = owners.get(r.ownerUserId());
            return new ResourceView(r.id(), r.groupId(),
                    groupNames.computeIfAbsent(r.groupId(), accounts::groupName), r.templateId(),
                    template.name(), template.kind(), r.name(), r.ownerUserId(),
                    owner == null ? "?" : owner.displayName(), r.shared(), r.state(), r.pendingAction(),
                    r.runningSince(), r.stopAt(), r.parentResourceId(), cost, r.failure(), r.createdAt(), changes,
                    scopes.canManage(r));
        }).toList();
    }
}
