package org.burnrate.provisioning;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.catalog.TemplateDirectory;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.People;
import org.burnrate.organization.UserSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Showback: each debit span of a container apportioned to the apps (children) that were running at
 * the span's start, in equal shares. These are report figures, not ledger lines: nothing is charged
 * twice. Only the container's manager (for a shared container, its owner) and system admins see it.
 */
@Service
public class Showback {

    /** One app's share of one span. */
    public record Share(long appId, String appName, long ownerUserId, String ownerName, ConsumptionUnits amount) {
    }

    /** One debit span of the container; no shares means the span was unused capacity. */
    public record Span(Instant spanStart, @Nullable Instant spanEnd, ConsumptionUnits amount, List<Share> shares) {
        public boolean unusedCapacity() {
            return shares.isEmpty();
        }
    }

    /** The whole report: spans oldest first, a total per app, and the capacity no app used. */
    public record Report(long containerId, String containerName, List<Span> spans, List<Share> totals,
            ConsumptionUnits unusedCapacity, ConsumptionUnits total) {
    }

    private final CloudResourceRepository resources;
    private final ResourceStateChangeRepository history;
    private final TemplateDirectory templates;
    private final Ledger ledger;
    private final People people;

    Showback(CloudResourceRepository resources, ResourceStateChangeRepository history, TemplateDirectory templates,
            Ledger ledger, People people) {
        this.resources = resources;
        this.history = history;
        this.templates = templates;
        this.ledger = ledger;
        this.people = people;
    }

    /** The showback of a container, for its manager. */
    @PreAuthorize("@resourceScopes.canManage(#resourceId)")
    @Transactional(readOnly = true)
    public Report of(long resourceId) {
        var container = resources.findById(resourceId).orElseThrow(() -> ResourceScopes.notFound(resourceId));
        var template = templates.find(container.templateId()).orElseThrow();
        if (template.kind() != TemplateKind.CONTAINER) {
            throw new InvalidInputException("resourceId", "Only a container's burn is apportioned to its apps.");
        }
        var children = resources.childrenOf(resourceId);
        Map<Long, List<StateChange>> histories = new HashMap<>();
        if (!children.isEmpty()) {
            history.historiesOf(children.stream().map(CloudResource::id).toList())
                    .forEach(c -> histories.computeIfAbsent(c.resourceId(), k -> new ArrayList<>()).add(c.view()));
        }
        Map<Long, UserSummary> owners = people.findByIds(children.stream().map(CloudResource::ownerUserId).distinct().toList());
        Map<Long, List<SpanMeter.Period>> periods = new HashMap<>();
        children.forEach(c -> periods.put(c.id(), SpanMeter.periods(histories.getOrDefault(c.id(), List.of()))));

        var spans = new ArrayList<Span>();
        Map<Long, Share> totals = new LinkedHashMap<>();
        var unused = ConsumptionUnits.ZERO;
        var total = ConsumptionUnits.ZERO;
        for (var line : debitSpans(resourceId)) {
            Instant start = line.spanStart();
            var running = children.stream().filter(c -> runningAt(periods.get(c.id()), start))
                    .sorted(Comparator.comparingLong(CloudResource::id)).toList();
            var amounts = apportion(line.amount(), running.size());
            var shares = new ArrayList<Share>();
            for (int i = 0; i < running.size(); i++) {
                var app = running.get(i);
                var owner = owners.get(app.ownerUserId());
                var share = new Share(app.id(), app.name(), app.ownerUserId(), owner == null ? "?" : owner.displayName(),
                        amounts.get(i));
                shares.add(share);
                totals.merge(app.id(), share, (a, b) -> new Share(a.appId(), a.appName(), a.ownerUserId(),
                        a.ownerName(), a.amount().plus(b.amount())));
            }
            if (running.isEmpty()) {
                unused = unused.plus(line.amount());
            }
            total = total.plus(line.amount());
            spans.add(new Span(start, line.spanEnd(), line.amount(), List.copyOf(shares)));
        }
        return new Report(resourceId, container.name(), List.copyOf(spans), List.copyOf(totals.values()), unused, total);
    }

    private List<LedgerLineView> debitSpans(long resourceId) {
        var found = new ArrayList<LedgerLineView>();
        int page = 0;
        while (true) {
            var lines = ledger.linesOfResource(resourceId, PageRequest.of(page++, 500));
            lines.forEach(l -> {
                if (l.type() == LineType.DEBIT && l.spanStart() != null) {
                    found.add(l);
                }
            });
            if (!lines.hasNext()) {
                break;
            }
        }
        found.sort(Comparator.comparing(LedgerLineView::spanStart).thenComparingLong(LedgerLineView::id));
        return found;
    }

    static boolean runningAt(List<SpanMeter.Period> periods, Instant at) {
        for (var p : periods) {
            if (p.running() && !p.from().isAfter(at) && (p.to() == null || at.isBefore(p.to()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code amount} split into {@code parts} equal shares, each rounded by the one rule
     * ({@link ConsumptionUnits#quotient}); the last share takes the remainder so the shares sum to
     * the amount exactly. No parts: no shares (the amount is unused capacity).
     */
    static List<ConsumptionUnits> apportion(ConsumptionUnits amount, int parts) {
        if (parts <= 0) {
            return List.of();
        }
        var each = ConsumptionUnits.quotient(amount.value(), BigDecimal.valueOf(parts));
        var shares = new ArrayList<ConsumptionUnits>(parts);
        var given = ConsumptionUnits.ZERO;
        for (int i = 0; i < parts - 1; i++) {
            shares.add(each);
            given = given.plus(each);
        }
        shares.add(amount.minus(given));
        return List.copyOf(shares);
    }
}
