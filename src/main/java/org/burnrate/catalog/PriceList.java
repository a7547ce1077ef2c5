package org.burnrate.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.burnrate.base.NotFoundException;

/**
 * Every template with its whole rate history, and the unit value history, as of one revision of
 * the catalog: what the debit job and usage pricing read, per run or per request, instead of a
 * query per template. Rate versions and unit values are written once and never changed, so a
 * price list stays right until the catalog gets a new row or a template is edited; then
 * {@link TemplateDirectory#priceList()} reads a new one.
 */
public final class PriceList {

    /** A template as priced: its view (with the rate in force at the list's instant) and its rates, newest first. */
    public record Pricing(TemplateView template, List<RateVersion> rates) {
    }

    private final Map<Long, TemplateView> templates;
    private final Map<Long, List<RateVersion>> rates;
    private final List<UnitValue> unitValues;
    private final Instant at;
    /** Each template priced at {@link #at}, worked out at its first use: the debit job asks once per resource. */
    private final Map<Long, Pricing> priced = new ConcurrentHashMap<>();

    PriceList(Map<Long, TemplateView> templates, Map<Long, List<RateVersion>> rates, List<UnitValue> unitValues,
            Instant at) {
        this.templates = templates;
        this.rates = rates;
        this.unitValues = unitValues;
        this.at = at;
    }

    /** The same templates and values, with each template's current rate taken at {@code now}. */
    PriceList at(Instant now) {
        return new PriceList(templates, rates, unitValues, now);
    }

    /** The template and its rate history; a template that does not exist is a programming error. */
    public Pricing pricing(long templateId) {
        return priced.computeIfAbsent(templateId, this::price);
    }

    private Pricing price(long templateId) {
        var template = templates.get(templateId);
        if (template == null) {
            throw new NotFoundException("There is no template with id " + templateId + ".");
        }
        var history = rates.getOrDefault(templateId, List.of());
        var current = RateVersion.inForceAt(history, at).orElse(null);
        var view = Objects.equals(current, template.currentRate()) ? template
                : new TemplateView(template.id(), template.name(), template.description(), template.kind(),
                        template.parentTemplateId(), template.billing(), template.provider(),
                        template.providerParameters(), template.maxInstancesPerMember(), template.enabled(),
                        template.exhaustion(), current);
        return new Pricing(view, history);
    }

    /** The unit value a line of that instant is valued at; empty before a system admin set one. */
    public Optional<UnitValue> unitValueAt(Instant instant) {
        return unitValues.stream().filter(v -> !v.effectiveFrom().isAfter(instant)).findFirst();
    }
}
