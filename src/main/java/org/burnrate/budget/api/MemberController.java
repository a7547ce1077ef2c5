package org.burnrate.budget.api;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.base.PageResponse;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MembershipService;
import org.burnrate.budget.RosterImport;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/groups/{groupId}/members")
@Tag(name = "Members", description = "A group's members and their allocations: its owner, managers and system admins")
class MemberController {

    private final MembershipService members;
    private final RosterImport rosterImport;

    MemberController(MembershipService members, RosterImport rosterImport) {
        this.members = members;
        this.rosterImport = rosterImport;
    }

    record ImportResult(long added, long skipped, long failed, List<RosterImport.RowResult> rows) {
    }

    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Import a roster", description = "CSV lines email,displayName,allocation (header optional; "
            + "an empty allocation means the group's default). Answers one result per row; people already in the "
            + "group are skipped, so a repeat imports nothing twice.")
    ImportResult importRoster(@PathVariable long groupId, @RequestBody String csv) {
        return result(rosterImport.importRoster(groupId, csv, null));
    }

    @PostMapping(path = "/import", consumes = "multipart/form-data")
    @Operation(summary = "Import a roster file", description = "The same as text/csv, as a form upload named 'file'.")
    ImportResult importRosterFile(@PathVariable long groupId, @RequestParam("file") MultipartFile file)
            throws java.io.IOException {
        if (file.getSize() > MAX_FILE_BYTES) {
            throw new InvalidInputException("file", "A roster file has at most 1 MB.");
        }
        return result(rosterImport.importRoster(groupId,
                new String(file.getBytes(), java.nio.charset.StandardCharsets.UTF_8), null));
    }

    private static final long MAX_FILE_BYTES = 1_000_000;

    private static ImportResult result(RosterImport.Report report) {
        return new ImportResult(report.count(RosterImport.Outcome.ADDED), report.count(RosterImport.Outcome.SKIPPED),
                report.count(RosterImport.Outcome.FAILED), report.rows());
    }

    record AddMember(@Nullable String email, @Nullable BigDecimal allocation, @Nullable String role) {
    }

    record ChangeMember(@Nullable BigDecimal allocation, @Nullable String role) {
    }

    @GetMapping
    PageResponse<BudgetJson.Member> list(@PathVariable long groupId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(members.members(groupId, PageResponse.request(page, size, Sort.by("id"))),
                BudgetJson.Member::of);
    }

    @PostMapping
    @Operation(summary = "Add a member", description = "{email, allocation (default: the group's), role: MEMBER or MANAGER}")
    ResponseEntity<BudgetJson.Member> add(@PathVariable long groupId, @RequestBody AddMember body) {
        var added = members.add(groupId, body.email() == null ? "" : body.email(),
                BudgetJson.units("allocation", body.allocation()), role(body.role(), MemberRole.MEMBER));
        return ResponseEntity.created(URI.create("/api/v1/groups/" + groupId + "/members/" + added.id()))
                .body(BudgetJson.Member.of(added));
    }

    @PatchMapping("/{memberId}")
    @Operation(summary = "Change a member's allocation or role", description = "Never below what they consumed plus hold.")
    BudgetJson.Member change(@PathVariable long groupId, @PathVariable long memberId, @RequestBody ChangeMember body) {
        requireInGroup(groupId, memberId);
        var allocation = BudgetJson.units("allocation", body.allocation());
        var result = members.get(memberId);
        if (allocation != null) {
            result = members.changeAllocation(memberId, allocation);
        }
        if (body.role() != null) {
            result = members.changeRole(memberId, role(body.role(), result.role()));
        }
        return BudgetJson.Member.of(result);
    }

    @DeleteMapping("/{memberId}")
    @Operation(summary = "Remove a member", description = "Only the unused remainder of the allocation returns to the group.")
    Map<String, String> remove(@PathVariable long groupId, @PathVariable long memberId) {
        requireInGroup(groupId, memberId);
        return Map.of("reclaimed", members.remove(memberId).toString());
    }

    private void requireInGroup(long groupId, long memberId) {
        if (members.get(memberId).groupId() != groupId) {
            throw new NotFoundException("Group " + groupId + " has no member with id " + memberId + ".");
        }
    }

    private static MemberRole role(@Nullable String text, MemberRole fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return MemberRole.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "role must be MEMBER or MANAGER, not '" + text + "'.");
        }
    }
}
