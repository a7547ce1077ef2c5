package org.burnrate.metering.api;

import java.util.List;

import org.burnrate.metering.UsageService;
import org.burnrate.metering.UsageService.UsageEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Metering")
class UsageController {

    private final UsageService usage;

    UsageController(UsageService usage) {
        this.usage = usage;
    }

    record ResultJson(String idempotencyKey, String status, long lineId, String amount) {
    }

    record UsageResponse(int charged, int repeats, List<ResultJson> results) {
    }

    @PostMapping("/api/v1/usage")
    @Operation(summary = "Report usage of per-operation resources", description = "A batch (up to 1000) of "
            + "[{resourceId, quantity, occurredAt, idempotencyKey}]. Each event is charged once; a repeated "
            + "idempotencyKey is answered as REPEAT and not charged. One invalid event refuses the whole batch. "
            + "Reported by a system admin (any resource), or by a provider with its usage token as the bearer token "
            + "(portal.providers.webhook.usage-token), for the resources provisioned through it only.")
    UsageResponse record(@RequestBody List<UsageEvent> events) {
        var results = usage.record(events);
        int charged = (int) results.stream().filter(UsageService.UsageResult::charged).count();
        return new UsageResponse(charged, results.size() - charged, results.stream()
                .map(r -> new ResultJson(r.idempotencyKey(), r.charged() ? "CHARGED" : "REPEAT", r.lineId(),
                        r.amount().toString())).toList());
    }
}
