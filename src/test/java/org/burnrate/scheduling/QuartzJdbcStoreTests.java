package org.burnrate.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.burnrate.BurnrateApplication;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.JobStoreSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz keeps its jobs in the database (JDBC job store, clustered), so a job scheduled before a
 * restart is still there, and still fires, after it. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class QuartzJdbcStoreTests {

    private static final JobKey JOB = JobKey.jobKey("probe", "quartz-store-test");
    private static final TriggerKey TRIGGER = TriggerKey.triggerKey("probe-daily", "quartz-store-test");
    static volatile CountDownLatch fired = new CountDownLatch(1);

    /** Profiles and properties that point both application runs at the same database. */
    abstract String[] profiles();

    abstract Map<String, Object> databaseProperties();

    public static class ProbeJob extends QuartzJobBean {
        @Override
        protected void executeInternal(JobExecutionContext context) {
            fired.countDown();
        }
    }

    @Test
    void aJobScheduledOnTheJdbcStoreFiresAndSurvivesARestart() throws Exception {
        Date nextFire = Date.from(Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        try (var first = start()) {
            Scheduler scheduler = first.getBean(Scheduler.class);
            assertThat(scheduler.getMetaData().getJobStoreClass()).isAssignableTo(JobStoreSupport.class);
            assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
            scheduler.deleteJob(JOB);
            scheduler.scheduleJob(JobBuilder.newJob(ProbeJob.class).withIdentity(JOB).storeDurably().build(),
                    TriggerBuilder.newTrigger().withIdentity(TRIGGER).startAt(nextFire)
                            .withSchedule(SimpleScheduleBuilder.repeatHourlyForever(24)).build());

            fired = new CountDownLatch(1);
            scheduler.triggerJob(JOB);
            assertThat(fired.await(60, TimeUnit.SECONDS)).as("the job fired before the restart").isTrue();
        }

        try (var second = start()) {
            Scheduler scheduler = second.getBean(Scheduler.class);
            assertThat(scheduler.checkExists(JOB)).as("the job survived the restart").isTrue();
            var trigger = scheduler.getTrigger(TRIGGER);
            assertThat(trigger).as("its trigger survived the restart").isNotNull();
            assertThat(trigger.getNextFireTime()).isEqualTo(nextFire);

            fired = new CountDownLatch(1);
            scheduler.triggerJob(JOB);
            assertThat(fired.await(60, TimeUnit.SECONDS)).as("the job fired after the restart").isTrue();
        }
    }

    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(databaseProperties());
        properties.put("server.port", "0");
        properties.put("portal.demo", "false");
        // A scheduler name of its own, so no other test context's scheduler joins this cluster.
        properties.put("spring.quartz.properties.org.quartz.scheduler.instanceName", "burnrate-quartz-store-test");
        // As command-line arguments: they outrank the profiles' files, as an operator's overrides would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(BurnrateApplication.class).profiles(profiles()).run(args);
    }
}
