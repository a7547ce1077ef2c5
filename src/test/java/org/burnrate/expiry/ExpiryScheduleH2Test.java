package org.burnrate.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.burnrate.support.H2Test;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** With the schedules on, as in production, the expiry job sits beside the debit job on the clustered scheduler. */
@H2Test
@TestPropertySource(properties = {"portal.expiry.enabled=true", "portal.metering.enabled=true"})
class ExpiryScheduleH2Test {

    @Autowired
    Scheduler scheduler;

    @Test
    void theExpiryJobRunsHourlyBesideTheDebitJob() throws Exception {
        assertThat(scheduler.checkExists(JobKey.jobKey("expiry", "burnrate"))).isTrue();
        assertThat(scheduler.checkExists(JobKey.jobKey("metering", "burnrate"))).isTrue();
        var trigger = (SimpleTrigger) scheduler.getTrigger(TriggerKey.triggerKey("expiry", "burnrate"));
        assertThat(trigger.getRepeatInterval()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(trigger.getJobKey()).isEqualTo(JobKey.jobKey("expiry", "burnrate"));
    }
}
