package org.burnrate.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unscoped reads of templates and their rate history, for the services that bill and provision and
 * have already decided who may see what (a member keeps paying for, and seeing the cost of, a
 * resource whose template their group no longer offers). Not for views: they use {@link TemplateCatalog}.
 */
@Component
@Transactional(readOnly = true)
public class TemplateDirectory {

    private final ResourceTemplateRepository templates;
    private final RateVersionRepository rates;
    private final GroupAllowedTemplateRepository allowed;
    private final UnitValueVersionRepository unitValues;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** The last price list read, with the revision it was read at. */
    private volatile CachedPriceList cached;

    private record CachedPriceList(List<Long> revision, PriceList prices) {
    }

    TemplateDirectory(ResourceTemplateRepository templates, RateVersionRepository rates,
            GroupAllowedTemplateRepository allowed, UnitValueVersionRepository unitValues, JdbcTemplate jdbc,
            Clock clock) {
        this.templates = templates;
        this.rates = rates;
        this.allowed = allowed;
        this.unitValues = unitValues;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Every template, rate version and unit value, with current rates taken now. Read again only
     * when the catalog's revision changed: the number of rate versions and unit values (written once,
     * never changed or deleted) and of templates plus their versions (an edit adds one). Any change,
     * committed on any node, is seen at the next call; the check is one small statement.
     */
    public PriceList priceList() {
        var revision = jdbc.queryForObject("""
                select (select count(*) from rate_version), (select count(*) from unit_value_version),
                    (select count(*) + coalesce(sum(version), 0) from resource_template)""",
                (row, n) -> List.of(row.getLong(1), row.getLong(2), row.getLong(3)));
        var last = cached;
        if (last == null || !last.revision().equals(revision)) {
            Map<Long, TemplateView> views = new HashMap<>();
            Map<Long, List<RateVersion>> history = new HashMap<>();
            rates.findAll().stream().map(RateVersionEntity::view)
                    .forEach(v -> history.computeIfAbsent(v.templateId(), k -> new ArrayList<>()).add(v));
            history.replaceAll((id, list) -> list.stream().sorted(RateVersion.NEWEST_FIRST).toList());
            templates.findAll().forEach(t -> views.put(t.id(), t.view(null)));
            var values = unitValues.findAllByOrderByEffectiveFromDescIdDesc().stream().map(UnitValueVersion::view)
                    .toList();
            last = new CachedPriceList(revision, new PriceList(Map.copyOf(views), Map.copyOf(history), values,
                    clock.instant()));
            cached = last;
        }
        return last.prices().at(clock.instant());
    }

    public Optional<TemplateView> find(long templateId) {
        return templates.findById(templateId).map(t -> t.view(RateVersion.inForceAt(rates(templateId), clock.instant())
                .orElse(null)));
    }

    /** Every rate version of the template, newest first. */
    public List<RateVersion> rates(long templateId) {
        return rates.history(templateId).stream().map(RateVersionEntity::view).toList();
    }

    public boolean isAllowed(long groupId, long templateId) {
        return allowed.isAllowed(groupId, templateId);
    }
}
