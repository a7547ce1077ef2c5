package org.burnrate.catalog.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.burnrate.base.NotFoundException;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.UnitValue;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/settings/currency")
@Tag(name = "Settings", description = "Currency and the value of one consumption unit")
class CurrencyController {

    private final CurrencySettings settings;

    CurrencyController(CurrencySettings settings) {
        this.settings = settings;
    }

    record CurrencyJson(String currency, String unitValue, Instant effectiveFrom, String setBy) {

        static CurrencyJson of(UnitValue value) {
            return new CurrencyJson(value.currency().getCurrencyCode(), value.valuePerUnit().toPlainString(),
                    value.effectiveFrom(), value.setBy());
        }
    }

    record SetCurrency(@Nullable String currency, @Nullable BigDecimal unitValue, @Nullable Instant effectiveFrom) {
    }

    @GetMapping
    @Operation(summary = "The currency and unit value in force now")
    CurrencyJson current() {
        return settings.current().map(CurrencyJson::of).orElseThrow(() -> new NotFoundException(
                "No currency has been set yet; a system admin sets it with PUT /api/v1/settings/currency."));
    }

    @GetMapping("/history")
    @Operation(summary = "Every version, newest first, including scheduled ones")
    List<CurrencyJson> history() {
        return settings.history().stream().map(CurrencyJson::of).toList();
    }

    @PutMapping
    @Operation(summary = "Set the currency and unit value", description = "{\"currency\": \"EUR\", \"unitValue\": "
            + "\"0.05\", \"effectiveFrom\": optional, now or later}. Adds a version; past versions never change.")
    CurrencyJson set(@RequestBody SetCurrency body) {
        if (body.unitValue() == null) {
            throw new org.burnrate.base.InvalidInputException("unitValue",
                    "unitValue is required: what one consumption unit is worth, e.g. \"0.05\".");
        }
        return CurrencyJson.of(settings.set(body.currency() == null ? "" : body.currency(), body.unitValue(),
                body.effectiveFrom()));
    }
}
