package org.burnrate.provisioning;

import org.burnrate.base.NotFoundException;
import org.burnrate.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies state changes providers report after the fact as application events (the simulated
 * provider's delayed confirmations; real providers plugged in-process may do the same). Signed
 * HTTP callbacks take the same path through the callback endpoint.
 */
@Component
class ProviderReports {

    private static final Logger log = LoggerFactory.getLogger(ProviderReports.class);

    private final ProvisioningService provisioning;

    ProviderReports(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    @EventListener
    void on(ProviderReport report) {
        try {
            boolean applied = SystemActor.call(() -> provisioning.applyProviderReport(report));
            if (!applied) {
                log.info("Ignored a late or repeated report from {}: resource {} {} at {}", report.provider(),
                        report.resourceId(), report.state(), report.at());
            }
        } catch (NotFoundException e) {
            log.warn("A report from {} names resource {}, which does not exist", report.provider(), report.resourceId());
        }
    }
}
