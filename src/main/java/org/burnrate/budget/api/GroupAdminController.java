package org.burnrate.budget.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

import org.burnrate.base.PageResponse;
import org.burnrate.budget.BudgetAdministration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Group admins", description = "The organization pool and the group admins it funds (system admins)")
class GroupAdminController {

    private final BudgetAdministration administration;

    GroupAdminController(BudgetAdministration administration) {
        this.administration = administration;
    }

    record Appointment(@Nullable String email, @Nullable BigDecimal budget, @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd) {
    }

    record Change(@Nullable BigDecimal budget, @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd) {
    }

    record Pool(@Nullable BigDecimal total) {
    }

    @GetMapping("/organization/pool")
    @Operation(summary = "The organization pool", description = "available is absent when the pool is unlimited.")
    BudgetJson.Summary pool() {
        return BudgetJson.adminSummary(administration.pool());
    }

    @PutMapping("/organization/pool")
    @Operation(summary = "Set the pool's total", description = "{\"total\": \"100000\"}; null or absent makes it unlimited.")
    BudgetJson.Summary setPool(@RequestBody Pool body) {
        return BudgetJson.adminSummary(administration.setPoolTotal(BudgetJson.units("total", body.total())));
    }

    @GetMapping("/group-admins")
    @Operation(summary = "Group admins and their budgets")
    PageResponse<BudgetJson.GroupAdmin> list() {
        var admins = administration.groupAdmins().stream().map(BudgetJson.GroupAdmin::of).toList();
        return new PageResponse<>(admins, 0, Math.max(admins.size(), 1), admins.size());
    }

    @GetMapping("/group-admins/{id}")
    BudgetJson.GroupAdmin get(@PathVariable long id) {
        return BudgetJson.GroupAdmin.of(administration.groupAdmin(id));
    }

    @PostMapping("/group-admins")
    @Operation(summary = "Appoint a group admin", description = "{email, budget, periodStart, periodEnd}: the person "
            + "must exist; the budget is carved from the organization pool.")
    ResponseEntity<BudgetJson.GroupAdmin> appoint(@RequestBody Appointment body) {
        var appointed = administration.appoint(body.email() == null ? "" : body.email(),
                BudgetJson.required("budget", body.budget()), body.periodStart(), body.periodEnd());
        return ResponseEntity.created(URI.create("/api/v1/group-admins/" + appointed.id()))
                .body(BudgetJson.GroupAdmin.of(appointed));
    }

    @PatchMapping("/group-admins/{id}")
    @Operation(summary = "Change a group admin's budget or period")
    BudgetJson.GroupAdmin change(@PathVariable long id, @RequestBody Change body) {
        var current = administration.groupAdmin(id);
        var budget = BudgetJson.units("budget", body.budget());
        return BudgetJson.GroupAdmin.of(administration.changeBudget(id,
                budget == null ? current.budget().allocated() : budget,
                body.periodStart() == null ? current.periodStart() : body.periodStart(),
                body.periodEnd() == null ? current.periodEnd() : body.periodEnd()));
    }

    @DeleteMapping("/group-admins/{id}")
    @Operation(summary = "Remove a group admin", description = "Their groups close and the unused remainder returns to the pool.")
    Map<String, String> remove(@PathVariable long id) {
        return Map.of("reclaimed", administration.remove(id).toString());
    }
}
