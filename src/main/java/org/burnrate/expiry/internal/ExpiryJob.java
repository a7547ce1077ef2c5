package org.burnrate.expiry.internal;

import org.burnrate.expiry.ExpiryService;
import org.burnrate.security.SystemActor;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The scheduled expiry: a thin job that sends due reminders and ends what has passed its last day.
 * It never runs twice at once in the cluster; a misfire does nothing, because the next run finds
 * whatever is still due by itself.
 */
@DisallowConcurrentExecution
public class ExpiryJob extends QuartzJobBean {

    private final ExpiryService expiry;

    public ExpiryJob(ExpiryService expiry) {
        this.expiry = expiry;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        SystemActor.run(expiry::run);
    }
}
