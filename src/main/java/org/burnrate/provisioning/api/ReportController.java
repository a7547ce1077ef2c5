package org.burnrate.provisioning.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import org.burnrate.base.InvalidInputException;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.provisioning.GroupBurn;
import org.burnrate.provisioning.Showback;
import org.burnrate.provisioning.api.ProvisioningJson.GroupBurnJson;
import org.burnrate.provisioning.api.ProvisioningJson.ShowbackJson;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The report figures the views show, read from the ledger: a group's burn and a container's showback. */
@RestController
@Tag(name = "Reports", description = "Where the units went: a group's burn per member, template and day; a hosting "
        + "plan's burn apportioned to its apps")
class ReportController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final GroupBurn burn;
    private final Showback showback;
    private final CurrencySettings currency;

    ReportController(GroupBurn burn, Showback showback, CurrencySettings currency) {
        this.burn = burn;
        this.showback = showback;
        this.currency = currency;
    }

    @GetMapping("/api/v1/groups/{groupId}/burn")
    @Operation(summary = "A group's burn per member, per template and per day", description = "For the group's admin "
            + "and system admins. The debits on the members' accounts from the first to the last day (both included, "
            + "days of the portal's time zone, by when each debit was written), at most "
            + GroupBurn.LONGEST_RANGE_DAYS + " days; without dates the last " + GroupBurn.DEFAULT_DAYS + " days up to "
            + "today. Answers {groupId, from, to, days, total, currency, totalInCurrency, byMember: [{id (the user), "
            + "label, total, perDay: {\"2026-11-24\": \"1.3333\"}}], byTemplate: [{id (the template; null for usage "
            + "without a resource), label, total, perDay}]}, biggest first; perDay leaves out days without debits. "
            + "Amounts are units with four places; totalInCurrency is the total at the unit value in force now, as the "
            + "views show it (null while no currency is set). A member of the group gets 403, anyone else 404.")
    GroupBurnJson burn(@PathVariable long groupId,
            @Parameter(description = "The first day, YYYY-MM-DD (default: " + (GroupBurn.DEFAULT_DAYS - 1)
                    + " days before the last)") @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "The last day, YYYY-MM-DD (default: today)")
            @RequestParam(required = false) @Nullable String to) {
        var report = burn.of(groupId, day("from", from), day("to", to));
        return GroupBurnJson.of(report, currency.current().orElse(null));
    }

    @GetMapping("/api/v1/resources/{id}/showback")
    @Operation(summary = "A hosting plan's burn apportioned to its apps", description = "For the plan's manager (a "
            + "shared plan's owner) and system admins. Every debited span of the plan is split equally among the "
            + "apps running at its start (a report, not a charge). Answers {resourceId, name, total, unused (spans "
            + "no app ran in), spanCount, apps: [{resourceId, name, ownerUserId, owner, share}], spans}; with "
            + "?spans=true also each span, oldest first: [{spanStart, spanEnd, amount, shares: [{resourceId, "
            + "share}]}] (empty shares: unused). The apps' shares and unused add up to total exactly. A resource "
            + "that is not a container answers 400; one you see but do not manage 403, anything else 404.")
    ShowbackJson showback(@PathVariable long id,
            @Parameter(description = "Also list every span with its shares") @RequestParam(defaultValue = "false")
            boolean spans) {
        return ShowbackJson.of(showback.of(id), spans);
    }

    private static @Nullable LocalDate day(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip(), DAY);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + ": '" + text + "' is not a date; write it as YYYY-MM-DD, "
                    + "for example 2026-11-24.");
        }
    }
}
