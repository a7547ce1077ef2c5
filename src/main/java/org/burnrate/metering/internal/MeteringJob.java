package org.burnrate.metering.internal;

import org.burnrate.metering.MeteringService;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.security.SystemActor;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The scheduled debit: a thin job that stops resources whose run time is over, then meters. It
 * never runs twice at once in the cluster; a misfire does nothing, because the next run catches
 * up by itself (it computes everything owed up to its own now).
 */
@DisallowConcurrentExecution
public class MeteringJob extends QuartzJobBean {

    private final MeteringService metering;
    private final ProvisioningService provisioning;

    public MeteringJob(MeteringService metering, ProvisioningService provisioning) {
        this.metering = metering;
        this.provisioning = provisioning;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        SystemActor.run(() -> {
            provisioning.stopExpiredRuns();
            metering.run("schedule");
        });
    }
}
