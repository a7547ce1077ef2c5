package org.burnrate.metering.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.burnrate.metering.MeteringRunView;
import org.burnrate.metering.MeteringService;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/metering")
@Tag(name = "Metering", description = "The debit job: run it now, see its last runs and lag")
class MeteringController {

    private final MeteringService metering;

    MeteringController(MeteringService metering) {
        this.metering = metering;
    }

    record RunJson(long id, String node, String trigger, Instant startedAt, Instant meteredUpTo,
            @Nullable Instant finishedAt, @Nullable Long durationMillis, int resources, int linesWritten, int errors,
            int stoppedForBudget, @Nullable String lastError) {

        static RunJson of(MeteringRunView run) {
            return new RunJson(run.id(), run.node(), run.trigger(), run.startedAt(), run.meteredUpTo(), run.finishedAt(),
                    run.duration() == null ? null : run.duration().toMillis(), run.resources(), run.linesWritten(),
                    run.errors(), run.stoppedForBudget(), run.lastError());
        }
    }

    record StatusJson(@Nullable String lag, int resourcesWaiting, List<RunJson> lastRuns) {
    }

    @PostMapping("/runs")
    @Operation(summary = "Run the debit job now", description = "Writes what is owed up to now and answers what it wrote. "
            + "Harmless to repeat: what is already written is never written again.")
    RunJson run() {
        return RunJson.of(metering.run("api"));
    }

    @GetMapping("/status")
    @Operation(summary = "The lag and the last runs", description = "lag: how long ago the moment the last finished "
            + "run metered up to was (ISO 8601 duration).")
    StatusJson status() {
        var status = metering.status();
        Duration lag = status.lag();
        return new StatusJson(lag == null ? null : lag.toString(), status.resourcesWaiting(),
                status.lastRuns().stream().map(RunJson::of).toList());
    }
}
