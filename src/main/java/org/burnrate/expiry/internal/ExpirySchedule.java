package org.burnrate.expiry.internal;

import java.time.Duration;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the expiry job with the clustered Quartz scheduler, every {@code portal.expiry.interval}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.expiry.enabled", havingValue = "true", matchIfMissing = true)
class ExpirySchedule {

    @Bean
    JobDetail expiryJob() {
        return JobBuilder.newJob(ExpiryJob.class).withIdentity("expiry", "burnrate").storeDurably()
                .withDescription("Reminds before end dates; after them stops resources and returns unused budget")
                .build();
    }

    @Bean
    Trigger expiryTrigger(@Qualifier("expiryJob") JobDetail expiryJob,
            @Value("${portal.expiry.interval:PT1H}") Duration interval) {
        return TriggerBuilder.newTrigger().forJob(expiryJob).withIdentity("expiry", "burnrate")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
