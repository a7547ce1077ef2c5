package org.burnrate.metering;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/**
 * One run of the debit job: when, up to which moment, how many resources and lines, how many errors,
 * and how many resources it stopped or suspended for lack of budget.
 */
@Entity
@Table(name = "metering_run")
class MeteringRun {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "metering_run_seq")
    @SequenceGenerator(name = "metering_run_seq", sequenceName = "metering_run_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(nullable = false)
    private String node;

    @Column(name = "trigger_source", nullable = false)
    private String triggerSource;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "metered_up_to", nullable = false)
    private Instant meteredUpTo;

    @Column(name = "finished_at")
    private @Nullable Instant finishedAt;

    @Column(name = "duration_millis")
    private @Nullable Long durationMillis;

    @Column(nullable = false)
    private int resources;

    @Column(name = "lines_written", nullable = false)
    private int linesWritten;

    @Column(nullable = false)
    private int errors;

    @Column(name = "stopped_for_budget", nullable = false)
    private int stoppedForBudget;

    @Column(name = "last_error")
    private @Nullable String lastError;

    protected MeteringRun() {
        this.node = "";
        this.triggerSource = "";
        this.startedAt = Instant.EPOCH;
        this.meteredUpTo = Instant.EPOCH;
    }

    MeteringRun(String node, String triggerSource, Instant startedAt, Instant meteredUpTo) {
        this.node = node;
        this.triggerSource = triggerSource;
        this.startedAt = startedAt;
        this.meteredUpTo = meteredUpTo;
    }

    void finish(Instant at, Duration took, int resources, int linesWritten, int errors, int stoppedForBudget,
            @Nullable String lastError) {
        this.finishedAt = at;
        this.durationMillis = took.toMillis();
        this.resources = resources;
        this.linesWritten = linesWritten;
        this.errors = errors;
        this.stoppedForBudget = stoppedForBudget;
        this.lastError = lastError == null || lastError.length() <= 1000 ? lastError : lastError.substring(0, 1000);
    }

    long id() {
        return id == null ? 0 : id;
    }

    MeteringRunView view() {
        return new MeteringRunView(id(), node, triggerSource, startedAt, meteredUpTo, finishedAt,
                durationMillis == null ? null : Duration.ofMillis(durationMillis), resources, linesWritten, errors,
                stoppedForBudget, lastError);
    }
}
