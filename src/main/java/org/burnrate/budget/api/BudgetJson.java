package org.burnrate.budget.api;

import java.util.List;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.budget.BudgetSummary;
import org.burnrate.budget.GroupAdminView;
import org.burnrate.budget.GroupView;
import org.burnrate.budget.MemberView;
import org.burnrate.ledger.LedgerLineView;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The API's JSON shapes for budgets: amounts are decimal strings with four places, as promised in API.md. */
final class BudgetJson {

    private BudgetJson() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Summary(long accountId, String allocated, @Nullable String allocatedToGroups,
            @Nullable String allocatedToMembers, String consumed, String held, @Nullable String available,
            boolean overcommit) {
    }

    static Summary adminSummary(BudgetSummary budget) {
        return new Summary(budget.accountId(), budget.allocated().toString(), budget.allocatedToChildren().toString(),
                null, budget.consumed().toString(), budget.held().toString(), text(budget.available()),
                budget.overcommit());
    }

    static Summary groupSummary(BudgetSummary budget) {
        return new Summary(budget.accountId(), budget.allocated().toString(), null,
                budget.allocatedToChildren().toString(), budget.consumed().toString(), budget.held().toString(),
                text(budget.available()), budget.overcommit());
    }

    static Summary memberSummary(BudgetSummary budget) {
        return new Summary(budget.accountId(), budget.allocated().toString(), null, null,
                budget.consumed().toString(), budget.held().toString(), text(budget.available()), false);
    }

    record GroupAdmin(long id, long userId, String email, String displayName, @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd, Summary budget) {

        static GroupAdmin of(GroupAdminView view) {
            return new GroupAdmin(view.id(), view.userId(), view.email(), view.displayName(), view.periodStart(),
                    view.periodEnd(), adminSummary(view.budget()));
        }
    }

    record Group(long id, String name, String description, long adminId, long ownerUserId, String ownerName,
            @Nullable LocalDate startDate, @Nullable LocalDate endDate, String defaultAllocation, boolean overcommit,
            Summary budget, List<Long> allowedTemplateIds) {

        static Group of(GroupView view, List<Long> allowedTemplateIds) {
            return new Group(view.id(), view.name(), view.description(), view.adminBudgetId(), view.ownerUserId(),
                    view.ownerName(), view.startDate(), view.endDate(), view.defaultAllocation().toString(),
                    view.overcommit(), groupSummary(view.budget()), allowedTemplateIds);
        }
    }

    record Member(long id, long groupId, String groupName, long userId, String email, String displayName, String role,
            Summary budget) {

        static Member of(MemberView view) {
            return new Member(view.id(), view.groupId(), view.groupName(), view.userId(), view.email(),
                    view.displayName(), view.role().name(), memberSummary(view.budget()));
        }
    }

    record Line(long id, long accountId, @Nullable Long counterAccountId, String type, String amount, Instant at,
            @Nullable Long resourceId, @Nullable Long rateVersionId, @Nullable Instant spanStart,
            @Nullable Instant spanEnd, @Nullable String unitValue, @Nullable String currency, String actor,
            String reason, @Nullable Long holdLineId, @Nullable Long correctsLineId) {

        static Line of(LedgerLineView line) {
            return new Line(line.id(), line.accountId(), line.counterAccountId(), line.type().name(),
                    line.amount().toString(), line.at(), line.resourceId(), line.rateVersionId(), line.spanStart(),
                    line.spanEnd(), line.unitValue() == null ? null : line.unitValue().toPlainString(), line.currency(),
                    line.actor(),
                    line.reason(), line.holdLineId(), line.correctsLineId());
        }
    }

    static @Nullable String text(@Nullable ConsumptionUnits units) {
        return units == null ? null : units.toString();
    }

    /** An amount from a request (string or number in the JSON), refusing nonsense with the field's name. */
    static @Nullable ConsumptionUnits units(String field, @Nullable BigDecimal value) {
        if (value == null) {
            return null;
        }
        try {
            return ConsumptionUnits.of(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }

    static ConsumptionUnits required(String field, @Nullable BigDecimal value) {
        var units = units(field, value);
        if (units == null) {
            throw new InvalidInputException(field, field + " is required, for example \"100\".");
        }
        return units;
    }
}
