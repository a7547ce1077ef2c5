package org.burnrate.provisioning;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.budget.MemberView;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.TemplateDirectory;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.People;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A group's burn over time for its admin: the debits on its members' accounts, less their refunds,
 * and those of the group's shared resources (hosting plans, a class database, charged to their
 * owner's budget, shown on a row of the owner's own), per member and per template (through the
 * resource each debit is for), per day of the clock's zone. Report figures read from the ledger;
 * debits for no resource count under {@link #NO_TEMPLATE}.
 */
@Service
public class GroupBurn {

    public static final int DEFAULT_DAYS = 30;
    public static final int LONGEST_RANGE_DAYS = 366;
    public static final String NO_TEMPLATE = "Usage without a resource";

    /** One row: a member or a template, its debits per day (days with none left out) and in all. */
    public record Row(long id, String label, Map<LocalDate, ConsumptionUnits> perDay, ConsumptionUnits total) {
        public ConsumptionUnits on(LocalDate day) {
            return perDay.getOrDefault(day, ConsumptionUnits.ZERO);
        }
    }

    /** The report over {@code from} to {@code to}, both days included. */
    public record Report(long groupId, LocalDate from, LocalDate to, List<Row> byMember, List<Row> byTemplate,
            ConsumptionUnits total) {
        public List<LocalDate> days() {
            return from.datesUntil(to.plusDays(1)).toList();
        }
    }

    private final MembershipService memberships;
    private final CloudResourceRepository resources;
    private final TemplateDirectory templates;
    private final Ledger ledger;
    private final People people;
    private final Clock clock;

    GroupBurn(MembershipService memberships, CloudResourceRepository resources, TemplateDirectory templates,
            Ledger ledger, People people, Clock clock) {
        this.memberships = memberships;
        this.resources = resources;
        this.templates = templates;
        this.ledger = ledger;
        this.people = people;
        this.clock = clock;
    }

    /** The group's burn; without dates, the last {@value #DEFAULT_DAYS} days up to today. */
    @PreAuthorize("@budgetScopes.canEditGroup(#groupId)")
    @Transactional(readOnly = true)
    public Report of(long groupId, @Nullable LocalDate from, @Nullable LocalDate to) {
        ZoneId zone = clock.getZone();
        LocalDate last = to == null ? LocalDate.now(clock) : to;
        LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1) : from;
        if (first.isAfter(last)) {
            throw new InvalidInputException("from", "The first day, " + first + ", comes after the last, " + last
                    + "; choose a first day on or before the last.");
        }
        if (first.plusDays(LONGEST_RANGE_DAYS).isBefore(last.plusDays(1))) {
            throw new InvalidInputException("from", "From " + first + " to " + last + " is "
                    + (ChronoUnit.DAYS.between(first, last) + 1) + " days; a report covers at most "
                    + LONGEST_RANGE_DAYS + " days, so the first day can be " + last.minusDays(LONGEST_RANGE_DAYS - 1)
                    + " at the earliest.");
        }
        var start = first.atStartOfDay(zone).toInstant();
        var end = last.plusDays(1).atStartOfDay(zone).toInstant();

        Map<Long, Long> templateOfResource = new HashMap<>();
        List<CloudResource> shared = new ArrayList<>();
        resources.allInGroup(groupId).forEach(r -> {
            templateOfResource.put(r.id(), r.templateId());
            if (r.shared()) {
                shared.add(r);
            }
        });
        Map<Long, String> templateNames = new HashMap<>();

        Map<Long, Acc> members = new LinkedHashMap<>();
        Map<Long, Acc> byTemplate = new LinkedHashMap<>();
        java.util.function.BiConsumer<Acc, LedgerLineView> count = (acc, line) -> {
            var day = LocalDate.ofInstant(line.at(), zone);
            // A refund gives back part of a debit: it lowers the burn on the day it was written.
            var amount = line.type() == LineType.REFUND ? line.amount().negate() : line.amount();
            acc.add(day, amount);
            Long templateId = line.resourceId() == null ? null : templateOfResource.get(line.resourceId());
            long key = templateId == null ? -1L : templateId;
            byTemplate.computeIfAbsent(key, id -> new Acc(id, id < 0 ? NO_TEMPLATE
                    : templateNames.computeIfAbsent(id, t -> templates.find(t).map(v -> v.name()).orElse("?"))))
                    .add(day, amount);
        };
        for (var member : allMembers(groupId)) {
            var acc = members.computeIfAbsent(member.userId(), id -> new Acc(id, member.displayName()));
            for (var line : consumption(start, end, page -> ledger.lines(member.budget().accountId(), CONSUMPTION,
                    start, end, page))) {
                count.accept(acc, line);
            }
        }
        // Shared resources (hosting plans, a class database) burn their owner's budget, for this group.
        var owners = people.findByIds(shared.stream().map(CloudResource::ownerUserId).distinct().toList());
        Map<Long, Acc> sharedByOwner = new LinkedHashMap<>();
        for (var resource : shared) {
            var acc = sharedByOwner.computeIfAbsent(resource.ownerUserId(), id -> new Acc(id,
                    (owners.containsKey(id) ? owners.get(id).displayName() : "?") + " (shared resources)"));
            for (var line : consumption(start, end, page -> ledger.linesOfResource(resource.id(), page))) {
                if (CONSUMPTION.contains(line.type())) {
                    count.accept(acc, line);
                }
            }
        }
        var byPerson = new ArrayList<>(members.values());
        byPerson.addAll(sharedByOwner.values());
        // Every line counts under exactly one template row, so those rows add up to the total.
        var total = byTemplate.values().stream().map(acc -> acc.total).reduce(ConsumptionUnits.ZERO,
                ConsumptionUnits::plus);
        return new Report(groupId, first, last, rows(byPerson), rows(byTemplate.values()), total);
    }

    private List<MemberView> allMembers(long groupId) {
        var found = new ArrayList<MemberView>();
        int page = 0;
        while (true) {
            var members = memberships.members(groupId, PageRequest.of(page++, 500));
            found.addAll(members.getContent());
            if (!members.hasNext()) {
                return found;
            }
        }
    }

    private static final Set<LineType> CONSUMPTION = Set.of(LineType.DEBIT, LineType.REFUND);

    /** The lines of the pages {@code read} gives, written in the range. */
    private static List<LedgerLineView> consumption(java.time.Instant start, java.time.Instant end,
            java.util.function.Function<PageRequest, org.springframework.data.domain.Page<LedgerLineView>> read) {
        var found = new ArrayList<LedgerLineView>();
        int page = 0;
        while (true) {
            var lines = read.apply(PageRequest.of(page++, 1000));
            lines.forEach(l -> {
                // The range is half-open by day: a line at the very end belongs to the next day.
                if (!l.at().isBefore(start) && l.at().isBefore(end)) {
                    found.add(l);
                }
            });
            if (!lines.hasNext()) {
                return found;
            }
        }
    }

    private static List<Row> rows(java.util.Collection<Acc> accs) {
        return accs.stream().map(a -> new Row(a.id, a.label, Map.copyOf(a.perDay), a.total))
                .sorted(Comparator.comparing(Row::total).reversed().thenComparing(Row::label)).toList();
    }

    private static final class Acc {
        final long id;
        final String label;
        final Map<LocalDate, ConsumptionUnits> perDay = new TreeMap<>();
        ConsumptionUnits total = ConsumptionUnits.ZERO;

        Acc(long id, String label) {
            this.id = id;
            this.label = label;
        }

        void add(LocalDate day, ConsumptionUnits amount) {
            perDay.merge(day, amount, ConsumptionUnits::plus);
            total = total.plus(amount);
        }
    }
}
