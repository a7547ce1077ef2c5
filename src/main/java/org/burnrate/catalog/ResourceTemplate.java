package org.burnrate.catalog;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/** A resource template. Its rates live in {@link RateVersionEntity}, one row per version. */
@Entity
@Table(name = "resource_template")
class ResourceTemplate {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "resource_template_seq")
    @SequenceGenerator(name = "resource_template_seq", sequenceName = "resource_template_seq", allocationSize = 50)
    private @Nullable Long id;

    @Version
    private long version;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TemplateKind kind;

    @Column(name = "parent_template_id")
    private @Nullable Long parentTemplateId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Billing billing;

    @Column(nullable = false)
    private String provider;

    @Column(name = "provider_parameters", nullable = false)
    private String providerParameters;

    @Column(name = "max_instances_per_member")
    private @Nullable Integer maxInstancesPerMember;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "warn_at", nullable = false)
    private String warnAt;

    @Column(name = "grace_units", nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits graceUnits;

    @Column(name = "grace_period_seconds", nullable = false)
    private long gracePeriodSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "exhaustion_action", nullable = false)
    private ExhaustionAction exhaustionAction;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ResourceTemplate() {
        this.name = "";
        this.description = "";
        this.kind = TemplateKind.STANDALONE;
        this.billing = Billing.TIME;
        this.provider = "";
        this.providerParameters = "";
        this.warnAt = "";
        this.graceUnits = ConsumptionUnits.ZERO;
        this.exhaustionAction = ExhaustionAction.STOP;
        this.createdAt = Instant.EPOCH;
    }

    ResourceTemplate(TemplateDraft draft, Instant createdAt) {
        this();
        this.kind = draft.kind();
        this.parentTemplateId = draft.parentTemplateId();
        this.billing = draft.billing();
        this.createdAt = createdAt;
        apply(draft);
    }

    /** Kind, parent and billing are fixed once created: resources already made from the template depend on them. */
    void apply(TemplateDraft draft) {
        this.name = draft.name();
        this.description = draft.description();
        this.provider = draft.provider();
        this.providerParameters = TemplateDraft.parametersText(draft.providerParameters());
        this.maxInstancesPerMember = draft.maxInstancesPerMember();
        this.enabled = draft.enabled();
        this.warnAt = draft.exhaustion().warnAtText();
        this.graceUnits = draft.exhaustion().graceUnits();
        this.gracePeriodSeconds = draft.exhaustion().gracePeriod().toSeconds();
        this.exhaustionAction = draft.exhaustion().action();
    }

    long id() {
        return id == null ? 0 : id;
    }

    String name() {
        return name;
    }

    TemplateKind kind() {
        return kind;
    }

    @Nullable Long parentTemplateId() {
        return parentTemplateId;
    }

    Billing billing() {
        return billing;
    }

    boolean enabled() {
        return enabled;
    }

    TemplateView view(@Nullable RateVersion currentRate) {
        return new TemplateView(id(), name, description, kind, parentTemplateId, billing, provider,
                TemplateDraft.parseParameters(providerParameters), maxInstancesPerMember, enabled,
                new ExhaustionPolicy(ExhaustionPolicy.parseWarnAt(warnAt), graceUnits,
                        Duration.ofSeconds(gracePeriodSeconds), exhaustionAction),
                currentRate);
    }
}
