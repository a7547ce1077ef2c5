package org.burnrate.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
    private final Clock clock;

    TemplateDirectory(ResourceTemplateRepository templates, RateVersionRepository rates,
            GroupAllowedTemplateRepository allowed, Clock clock) {
        this.templates = templates;
        this.rates = rates;
        this.allowed = allowed;
        this.clock = clock;
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
