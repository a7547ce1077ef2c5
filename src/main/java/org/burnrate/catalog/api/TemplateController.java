package org.burnrate.catalog.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.burnrate.base.ApiInput;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.PageResponse;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.ExhaustionAction;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.RateVersion;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/templates")
@Tag(name = "Templates", description = "Resource templates and their effective-dated rate versions")
class TemplateController {

    private final TemplateCatalog catalog;

    TemplateController(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    record RateJson(long id, String units, String per, String minimumSpan, String stoppedUnits,
            String unitsPerOperation, Instant effectiveFrom, String unitsPerHour, String minimumCharge, String setBy) {

        static RateJson of(RateVersion version) {
            var rate = version.rate();
            return new RateJson(version.id(), rate.units().toString(), rate.per().toString(),
                    rate.minimumSpan().toString(), rate.stoppedUnits().toString(), rate.unitsPerOperation().toString(),
                    version.effectiveFrom(), rate.unitsPerHour().toString(), rate.minimumCharge().toString(),
                    version.setBy());
        }
    }

    record ExhaustionJson(List<Integer> warnAt, String graceUnits, String gracePeriod, ExhaustionAction action) {

        static ExhaustionJson of(ExhaustionPolicy policy) {
            return new ExhaustionJson(policy.warnAt(), policy.graceUnits().toString(), policy.gracePeriod().toString(),
                    policy.action());
        }
    }

    record TemplateJson(long id, String name, String description, TemplateKind kind, @Nullable Long parentTemplateId,
            Billing billing, String provider, Map<String, String> providerParameters,
            @Nullable Integer maxInstancesPerMember, boolean enabled, ExhaustionJson exhaustion,
            @Nullable RateJson currentRate) {

        static TemplateJson of(TemplateView view) {
            return new TemplateJson(view.id(), view.name(), view.description(), view.kind(), view.parentTemplateId(),
                    view.billing(), view.provider(), view.providerParameters(), view.maxInstancesPerMember(),
                    view.enabled(), ExhaustionJson.of(view.exhaustion()),
                    view.currentRate() == null ? null : RateJson.of(view.currentRate()));
        }
    }

    record ExhaustionBody(@Nullable List<Integer> warnAt, @Nullable BigDecimal graceUnits, @Nullable String gracePeriod,
            @Nullable ExhaustionAction action) {
    }

    record RateBody(@Nullable BigDecimal units, @Nullable String per, @Nullable String minimumSpan,
            @Nullable BigDecimal stoppedUnits, @Nullable BigDecimal unitsPerOperation, @Nullable Instant effectiveFrom) {

        BurnRate rate() {
            return new BurnRate(ApiInput.units("units", units, ConsumptionUnits.ZERO),
                    ApiInput.requiredDuration("per", per == null ? "PT1H" : per),
                    ApiInput.requiredDuration("minimumSpan", minimumSpan),
                    ApiInput.units("stoppedUnits", stoppedUnits, ConsumptionUnits.ZERO),
                    ApiInput.units("unitsPerOperation", unitsPerOperation, ConsumptionUnits.ZERO));
        }
    }

    /** Absent fields keep their value on PATCH; on POST they take the defaults shown in the API description. */
    record TemplateBody(@Nullable String name, @Nullable String description, @Nullable TemplateKind kind,
            @Nullable Long parentTemplateId, @Nullable Billing billing, @Nullable String provider,
            @Nullable Map<String, String> providerParameters, @Nullable Integer maxInstancesPerMember,
            @Nullable Boolean enabled, @Nullable ExhaustionBody exhaustion, @Nullable RateBody rate) {
    }

    @GetMapping
    @Operation(summary = "The templates you may see", description = "System admins see all; group admins the enabled "
            + "ones; members those their groups allow.")
    PageResponse<TemplateJson> list() {
        var templates = catalog.templates().stream().map(TemplateJson::of).toList();
        return new PageResponse<>(templates, 0, Math.max(templates.size(), 1), templates.size());
    }

    @GetMapping("/{id}")
    TemplateJson get(@PathVariable long id) {
        return TemplateJson.of(catalog.get(id));
    }

    @PostMapping
    @Operation(summary = "Create a template", description = "{name, description, kind: STANDALONE|CONTAINER|CHILD, "
            + "parentTemplateId (children), billing: TIME|PER_OPERATION, provider (default simulated), providerParameters, "
            + "maxInstancesPerMember, enabled (default true), exhaustion {warnAt, graceUnits, gracePeriod, action}, "
            + "rate {units, per, minimumSpan, stoppedUnits, unitsPerOperation} (optional first rate, in force now)}")
    ResponseEntity<TemplateJson> create(@RequestBody TemplateBody body) {
        var draft = draft(body, null);
        var created = catalog.create(draft, body.rate() == null ? null : body.rate().rate());
        return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(TemplateJson.of(created));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a template", description = "Kind, parent and billing are fixed once created. Rates "
            + "change through POST /api/v1/templates/{id}/rates.")
    TemplateJson change(@PathVariable long id, @RequestBody TemplateBody body) {
        if (body.rate() != null) {
            throw new InvalidInputException("rate", "Rates are versions of their own: add one with POST /api/v1/templates/"
                    + id + "/rates; past versions never change.");
        }
        return TemplateJson.of(catalog.update(id, draft(body, catalog.get(id))));
    }

    @GetMapping("/{id}/rates")
    @Operation(summary = "Every rate version of the template, newest first, scheduled ones included")
    List<RateJson> rates(@PathVariable long id) {
        return catalog.rates(id).stream().map(RateJson::of).toList();
    }

    @PostMapping("/{id}/rates")
    @Operation(summary = "Add a rate version", description = "{units, per: \"PT1H\", minimumSpan: \"PT1M\" (PT1S to P31D), "
            + "stoppedUnits, unitsPerOperation, effectiveFrom (now or later; default now)}. Past versions never change.")
    ResponseEntity<RateJson> addRate(@PathVariable long id, @RequestBody RateBody body) {
        var version = catalog.scheduleRate(id, body.rate(), body.effectiveFrom());
        return ResponseEntity.created(URI.create("/api/v1/templates/" + id + "/rates")).body(RateJson.of(version));
    }

    private static TemplateDraft draft(TemplateBody body, @Nullable TemplateView current) {
        var exhaustion = body.exhaustion();
        var currentPolicy = current == null ? ExhaustionPolicy.DEFAULT : current.exhaustion();
        var policy = exhaustion == null ? currentPolicy : new ExhaustionPolicy(
                exhaustion.warnAt() == null ? currentPolicy.warnAt() : exhaustion.warnAt(),
                ApiInput.units("exhaustion.graceUnits", exhaustion.graceUnits(), currentPolicy.graceUnits()),
                exhaustion.gracePeriod() == null ? currentPolicy.gracePeriod()
                        : ApiInput.requiredDuration("exhaustion.gracePeriod", exhaustion.gracePeriod()),
                exhaustion.action() == null ? currentPolicy.action() : exhaustion.action());
        if (current == null) {
            return new TemplateDraft(orEmpty(body.name()), orEmpty(body.description()),
                    body.kind() == null ? TemplateKind.STANDALONE : body.kind(), body.parentTemplateId(),
                    body.billing() == null ? Billing.TIME : body.billing(), orEmpty(body.provider()),
                    body.providerParameters() == null ? Map.of() : body.providerParameters(),
                    body.maxInstancesPerMember(), body.enabled() == null || body.enabled(), policy);
        }
        return new TemplateDraft(body.name() == null ? current.name() : body.name(),
                body.description() == null ? current.description() : body.description(),
                body.kind() == null ? current.kind() : body.kind(),
                body.parentTemplateId() == null ? current.parentTemplateId() : body.parentTemplateId(),
                body.billing() == null ? current.billing() : body.billing(),
                body.provider() == null ? current.provider() : body.provider(),
                body.providerParameters() == null ? current.providerParameters() : body.providerParameters(),
                body.maxInstancesPerMember() == null ? current.maxInstancesPerMember() : body.maxInstancesPerMember(),
                body.enabled() == null ? current.enabled() : body.enabled(), policy);
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
