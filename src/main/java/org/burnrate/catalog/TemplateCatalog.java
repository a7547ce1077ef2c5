package org.burnrate.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.burnrate.audit.AuditLog;
import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resource templates, their effective-dated rate versions, and which templates each group may use.
 * System admins define templates; group admins choose among the enabled ones for their groups;
 * members see what their groups allow.
 */
@Service
@Transactional
public class TemplateCatalog {

    private final ResourceTemplateRepository templates;
    private final RateVersionRepository rates;
    private final GroupAllowedTemplateRepository allowed;
    private final GroupsOfCurrentUser groupsOfCurrentUser;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    TemplateCatalog(ResourceTemplateRepository templates, RateVersionRepository rates,
            GroupAllowedTemplateRepository allowed, GroupsOfCurrentUser groupsOfCurrentUser, CurrentUser currentUser,
            AuditLog audit, Clock clock) {
        this.templates = templates;
        this.rates = rates;
        this.allowed = allowed;
        this.groupsOfCurrentUser = groupsOfCurrentUser;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The templates the caller may see: all for system admins, the enabled ones for group admins
     * (to choose from for their groups), and for members those their groups allow.
     */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<TemplateView> templates() {
        List<ResourceTemplate> found;
        if (currentUser.hasRole(Roles.SYSTEM_ADMIN)) {
            found = templates.findAllByOrderByName();
        } else if (currentUser.hasRole(Roles.GROUP_ADMIN)) {
            found = templates.findAllByOrderByName().stream().filter(ResourceTemplate::enabled).toList();
        } else {
            var groupIds = groupsOfCurrentUser.groupIds();
            found = groupIds.isEmpty() ? List.of()
                    : templates.findByIdInOrderByName(Set.copyOf(allowed.templateIdsOf(groupIds))).stream()
                            .filter(ResourceTemplate::enabled).toList();
        }
        return views(found);
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public TemplateView get(long templateId) {
        return templates().stream().filter(t -> t.id() == templateId).findFirst()
                .orElseThrow(() -> notFound(templateId));
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public TemplateView create(TemplateDraft draft, @Nullable BurnRate initialRate) {
        requireUniqueName(draft.name(), null);
        requireParent(draft);
        var template = templates.saveAndFlush(new ResourceTemplate(draft, clock.instant()));
        audit.record("Template created", "template: " + template.name(), null, describe(draft));
        if (initialRate != null) {
            addRate(template, initialRate, clock.instant());
        }
        return view(template);
    }

    /** Changes what may change; kind, parent and billing stay as created. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public TemplateView update(long templateId, TemplateDraft draft) {
        var template = templates.findById(templateId).orElseThrow(() -> notFound(templateId));
        if (draft.kind() != template.kind() || draft.billing() != template.billing()
                || !java.util.Objects.equals(draft.parentTemplateId(), template.parentTemplateId())) {
            throw new InvalidInputException("kind", "A template's kind, parent and billing are fixed once it exists, "
                    + "because resources made from it depend on them. Create a new template instead.");
        }
        requireUniqueName(draft.name(), templateId);
        var before = describe(template.view(null).draft());
        template.apply(draft);
        audit.record("Template changed", "template: " + template.name(), before, describe(draft));
        return view(template);
    }

    /** Every rate version of a template, newest first, including scheduled ones. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<RateVersion> rates(long templateId) {
        get(templateId);
        return rates.history(templateId).stream().map(RateVersionEntity::view).toList();
    }

    /**
     * Adds a rate version from {@code effectiveFrom} (now when null). Past versions never change, so
     * a version cannot start in the past; it can be scheduled for later.
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public RateVersion scheduleRate(long templateId, BurnRate rate, @Nullable Instant effectiveFrom) {
        var template = templates.findById(templateId).orElseThrow(() -> notFound(templateId));
        var now = clock.instant();
        var from = effectiveFrom == null ? now : effectiveFrom;
        // Not even a second back: a span that started then may already be debited at the old rate.
        if (from.isBefore(now)) {
            throw new InvalidInputException("effectiveFrom", "A rate cannot start in the past (" + from
                    + "): spans already charged keep the rate they were charged at. Choose now or a later time.");
        }
        return addRate(template, rate, from);
    }

    /** The version that prices a span of this template starting at {@code at}. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public Optional<RateVersion> rateAt(long templateId, Instant at) {
        return RateVersion.inForceAt(rates.history(templateId).stream().map(RateVersionEntity::view).toList(), at);
    }

    /** The templates members of the group may use (enabled or not, so that admins see their choice). */
    @PreAuthorize("@budgetScopes.canSeeGroup(#groupId)")
    @Transactional(readOnly = true)
    public List<TemplateView> allowedTemplates(long groupId) {
        return views(templates.findByIdInOrderByName(Set.copyOf(allowed.templateIdsOf(groupId))));
    }

    @PreAuthorize("@budgetScopes.canSeeGroup(#groupId)")
    @Transactional(readOnly = true)
    public boolean isAllowed(long groupId, long templateId) {
        return allowed.isAllowed(groupId, templateId);
    }

    /** Replaces the set of templates the group's members may use. Unknown ids are refused, nothing changes. */
    @PreAuthorize("@budgetScopes.canEditGroup(#groupId)")
    public List<TemplateView> allowTemplates(long groupId, Collection<Long> templateIds) {
        var wanted = new LinkedHashSet<>(templateIds);
        var found = templates.findAllById(wanted);
        if (found.size() != wanted.size()) {
            var known = found.stream().map(ResourceTemplate::id).toList();
            var unknown = wanted.stream().filter(id -> !known.contains(id)).toList();
            throw new InvalidInputException("allowedTemplateIds", "There is no template with id " + unknown
                    + "; GET /api/v1/templates lists them.");
        }
        var before = allowed.templateIdsOf(groupId).stream().sorted().toList();
        allowed.deleteByGroupId(groupId);
        allowed.flush();
        wanted.forEach(id -> allowed.save(new GroupAllowedTemplate(groupId, id)));
        var after = wanted.stream().sorted().toList();
        if (!before.equals(after)) {
            audit.record("Allowed templates changed", "group: " + groupId, before.toString(), after.toString());
        }
        return views(templates.findByIdInOrderByName(wanted));
    }

    private RateVersion addRate(ResourceTemplate template, BurnRate rate, Instant from) {
        if (template.kind() == TemplateKind.CHILD && rate.burnsWhileRunning()) {
            throw new InvalidInputException("units", "A child template burns nothing: its container is charged. "
                    + "Give it a running rate of 0.");
        }
        if (template.billing() == Billing.PER_OPERATION && !rate.unitsPerOperation().isPositive()) {
            throw new InvalidInputException("unitsPerOperation",
                    "A per-operation template needs the units each operation costs, for example 0.01.");
        }
        var saved = rates.save(new RateVersionEntity(template.id(), rate, from, currentUser.actorName(),
                clock.instant())).view();
        audit.record("Rate scheduled", "template: " + template.name(), null, describe(rate) + " from " + from);
        return saved;
    }

    private void requireUniqueName(String name, @Nullable Long except) {
        templates.findByNameIgnoreCase(name).filter(other -> except == null || other.id() != except)
                .ifPresent(other -> {
                    throw new ConflictException("A template named '" + other.name() + "' already exists.");
                });
    }

    private void requireParent(TemplateDraft draft) {
        if (draft.parentTemplateId() == null) {
            return;
        }
        var parent = templates.findById(draft.parentTemplateId()).orElseThrow(() -> new InvalidInputException(
                "parentTemplateId", "There is no template with id " + draft.parentTemplateId() + "."));
        if (parent.kind() != TemplateKind.CONTAINER) {
            throw new InvalidInputException("parentTemplateId", "A child lives in a container template; '"
                    + parent.name() + "' is not a container.");
        }
    }

    private TemplateView view(ResourceTemplate template) {
        return views(List.of(template)).getFirst();
    }

    private List<TemplateView> views(List<ResourceTemplate> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        var now = clock.instant();
        Map<Long, List<RateVersion>> byTemplate = new HashMap<>();
        rates.ofTemplates(found.stream().map(ResourceTemplate::id).toList())
                .forEach(r -> byTemplate.computeIfAbsent(r.view().templateId(), k -> new java.util.ArrayList<>())
                        .add(r.view()));
        return found.stream().map(t -> t.view(RateVersion.inForceAt(byTemplate.getOrDefault(t.id(), List.of()), now)
                .orElse(null))).toList();
    }

    private static String describe(TemplateDraft draft) {
        return draft.name() + " (" + draft.kind() + ", " + draft.billing() + ", provider " + draft.provider()
                + (draft.enabled() ? ", enabled" : ", disabled") + ", max " + draft.maxInstancesPerMember()
                + ", warn " + draft.exhaustion().warnAt() + ", " + draft.exhaustion().action() + ")";
    }

    private static String describe(BurnRate rate) {
        return rate.units() + " per " + rate.per() + ", minimum span " + rate.minimumSpan() + ", stopped "
                + rate.stoppedUnits() + ", per operation " + rate.unitsPerOperation();
    }

    private static NotFoundException notFound(long templateId) {
        return new NotFoundException("There is no template with id " + templateId + ".");
    }
}
