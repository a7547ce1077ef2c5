package org.burnrate.budget.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.burnrate.base.InvalidInputException;
import org.burnrate.base.PageResponse;
import org.burnrate.budget.AccountLines;
import org.burnrate.ledger.LineType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/accounts/{accountId}/lines")
@Tag(name = "Ledger", description = "Ledger lines of the accounts you may see")
class AccountLinesController {

    private final AccountLines accountLines;

    AccountLinesController(AccountLines accountLines) {
        this.accountLines = accountLines;
    }

    @GetMapping
    @Operation(summary = "Ledger lines, newest first",
            description = "Filter with ?type=DEBIT (repeatable) and ?from= / ?to= (ISO 8601 instants, to exclusive).")
    PageResponse<BudgetJson.Line> lines(@PathVariable long accountId,
            @RequestParam(required = false) @Nullable List<String> type,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var pageable = PageResponse.request(page, size, Sort.unsorted());
        return PageResponse.of(accountLines.lines(accountId, types(type), instant("from", from), instant("to", to),
                pageable), BudgetJson.Line::of);
    }

    private static Set<LineType> types(@Nullable List<String> names) {
        var types = EnumSet.noneOf(LineType.class);
        if (names != null) {
            for (String name : names) {
                try {
                    types.add(LineType.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("type", "'" + name + "' is not a line type; use one of "
                            + EnumSet.allOf(LineType.class) + ".");
                }
            }
        }
        return types;
    }

    private static @Nullable Instant instant(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO 8601 instant like 2026-11-24T10:00:00Z.");
        }
    }
}
