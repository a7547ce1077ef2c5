package org.burnrate.metering.internal;

import java.time.Duration;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the debit job with the clustered Quartz scheduler, every {@code portal.metering.interval}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.metering.enabled", havingValue = "true", matchIfMissing = true)
class MeteringSchedule {

    @Bean
    JobDetail meteringJob() {
        return JobBuilder.newJob(MeteringJob.class).withIdentity("metering", "burnrate").storeDurably()
                .withDescription("Stops runs whose time is over, then debits what running resources owe").build();
    }

    @Bean
    Trigger meteringTrigger(JobDetail meteringJob, @Value("${portal.metering.interval:PT1M}") Duration interval) {
        return TriggerBuilder.newTrigger().forJob(meteringJob).withIdentity("metering", "burnrate")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
