package org.burnrate.budget.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.PageResponse;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.catalog.TemplateCatalog;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups", description = "Groups (classes) with budgets: their owners, managers and system admins")
class GroupController {

    private final GroupService groups;
    private final TemplateCatalog catalog;

    GroupController(GroupService groups, TemplateCatalog catalog) {
        this.groups = groups;
        this.catalog = catalog;
    }

    /** Absent fields keep their value on PATCH; allowedTemplateIds, when given, replaces the group's set. */
    record GroupBody(@Nullable String name, @Nullable String description, @Nullable BigDecimal budget,
            @Nullable LocalDate startDate, @Nullable LocalDate endDate, @Nullable BigDecimal defaultAllocation,
            @Nullable Boolean overcommit, @Nullable Long adminId, @Nullable List<Long> allowedTemplateIds) {
    }

    @GetMapping
    @Operation(summary = "The groups you may see")
    PageResponse<BudgetJson.Group> list() {
        var visible = groups.visibleGroups().stream().map(this::json).toList();
        return new PageResponse<>(visible, 0, Math.max(visible.size(), 1), visible.size());
    }

    @GetMapping("/{id}")
    BudgetJson.Group get(@PathVariable long id) {
        return json(groups.get(id));
    }

    @PostMapping
    @Operation(summary = "Create a group", description = "Funded from your group-admin budget (system admins name adminId).")
    ResponseEntity<BudgetJson.Group> create(@RequestBody GroupBody body) {
        var details = new GroupDetails(body.name() == null ? "" : body.name(),
                body.description() == null ? "" : body.description(), body.startDate(), body.endDate(),
                orZero("defaultAllocation", body.defaultAllocation()), Boolean.TRUE.equals(body.overcommit()));
        if (body.allowedTemplateIds() != null) {
            // Checked before the group exists, so that a wrong id leaves nothing half made.
            var known = catalog.templates().stream().map(t -> t.id()).toList();
            var unknown = body.allowedTemplateIds().stream().filter(t -> !known.contains(t)).toList();
            if (!unknown.isEmpty()) {
                throw new org.burnrate.base.InvalidInputException("allowedTemplateIds", "There is no template with id "
                        + unknown + " that you may allow; GET /api/v1/templates lists them.");
            }
        }
        var created = groups.create(body.adminId(), details, BudgetJson.required("budget", body.budget()));
        if (body.allowedTemplateIds() != null) {
            catalog.allowTemplates(created.id(), body.allowedTemplateIds());
        }
        return ResponseEntity.created(URI.create("/api/v1/groups/" + created.id())).body(json(created));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a group", description = "A new defaultAllocation applies to members added later only.")
    BudgetJson.Group change(@PathVariable long id, @RequestBody GroupBody body) {
        var current = groups.get(id);
        var defaultAllocation = BudgetJson.units("defaultAllocation", body.defaultAllocation());
        var details = new GroupDetails(body.name() == null ? current.name() : body.name(),
                body.description() == null ? current.description() : body.description(),
                body.startDate() == null ? current.startDate() : body.startDate(),
                body.endDate() == null ? current.endDate() : body.endDate(),
                defaultAllocation == null ? current.defaultAllocation() : defaultAllocation,
                body.overcommit() == null ? current.overcommit() : body.overcommit());
        var budget = BudgetJson.units("budget", body.budget());
        if (budget != null && !budget.equals(current.budget().allocated())) {
            groups.changeBudget(id, budget);
        }
        var updated = groups.update(id, details);
        if (body.allowedTemplateIds() != null) {
            catalog.allowTemplates(id, body.allowedTemplateIds());
        }
        return json(updated);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a group", description = "Members are removed; the unused remainder returns to the group admin.")
    Map<String, String> delete(@PathVariable long id) {
        return Map.of("reclaimed", groups.delete(id).toString());
    }

    private BudgetJson.Group json(org.burnrate.budget.GroupView view) {
        return BudgetJson.Group.of(view, catalog.allowedTemplates(view.id()).stream().map(t -> t.id()).toList());
    }

    private static ConsumptionUnits orZero(String field, @Nullable BigDecimal value) {
        var units = BudgetJson.units(field, value);
        return units == null ? ConsumptionUnits.ZERO : units;
    }
}
