package org.burnrate.provisioning.api;

import java.net.URI;
import java.util.List;

import org.burnrate.base.ApiInput;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.PageResponse;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.api.ProvisioningJson.QuoteJson;
import org.burnrate.provisioning.api.ProvisioningJson.ResourceJson;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Resources", description = "Quotes, provisioning and the lifecycle of resources")
class ResourceController {

    private final ProvisioningService provisioning;

    ResourceController(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    record QuoteBody(@Nullable Long templateId, @Nullable Boolean shared) {
    }

    record ProvisionBody(@Nullable Long templateId, @Nullable String name, @Nullable String runFor,
            @Nullable Long parentResourceId, @Nullable Boolean shared) {
    }

    record StartBody(@Nullable String runFor) {
    }

    @PostMapping("/api/v1/groups/{groupId}/quotes")
    @Operation(summary = "Quote a template before provisioning", description = "{templateId, shared (group admins)} → "
            + "the rate, the cost of the minimum span, and at each level the units available and how long they last.")
    QuoteJson quote(@PathVariable long groupId, @RequestBody QuoteBody body) {
        return QuoteJson.of(provisioning.quote(groupId, templateId(body.templateId()), Boolean.TRUE.equals(body.shared())));
    }

    @GetMapping("/api/v1/groups/{groupId}/resources")
    @Operation(summary = "The group's resources you may see", description = "Members: their own and the shared ones; "
            + "the group admin: all.")
    PageResponse<ResourceJson> groupResources(@PathVariable long groupId) {
        return page(provisioning.groupResources(groupId).stream().map(ResourceJson::of).toList());
    }

    @PostMapping("/api/v1/groups/{groupId}/resources")
    @Operation(summary = "Provision a resource", description = "{templateId, name, runFor: \"PT2H\" (optional), "
            + "parentResourceId (for a child), shared (group admins)}. Holds the minimum span at every level first; "
            + "a level that cannot cover it is named in the 409 problem. A provider failure answers the resource in "
            + "state FAILED, with the reason, and releases the hold.")
    ResponseEntity<ResourceJson> provision(@PathVariable long groupId, @RequestBody ProvisionBody body) {
        var created = provisioning.provision(groupId, new ProvisioningService.ProvisionRequest(templateId(body.templateId()),
                body.name(), ApiInput.duration("runFor", body.runFor()), body.parentResourceId(),
                Boolean.TRUE.equals(body.shared())));
        return ResponseEntity.created(URI.create("/api/v1/resources/" + created.id())).body(ResourceJson.of(created));
    }

    @GetMapping("/api/v1/resources")
    @Operation(summary = "Your own resources in every group")
    PageResponse<ResourceJson> mine() {
        return page(provisioning.myResources().stream().map(ResourceJson::of).toList());
    }

    @GetMapping("/api/v1/resources/{id}")
    @Operation(summary = "A resource: state, state history, cost so far")
    ResourceJson get(@PathVariable long id) {
        return ResourceJson.of(provisioning.get(id));
    }

    @PostMapping("/api/v1/resources/{id}/start")
    @Operation(summary = "Start a stopped or suspended resource", description = "{runFor: \"PT2H\"} (optional) stops it "
            + "again after that long. Holds the minimum span first.")
    ResourceJson start(@PathVariable long id, @RequestBody(required = false) @Nullable StartBody body) {
        return ResourceJson.of(provisioning.start(id, ApiInput.duration("runFor", body == null ? null : body.runFor())));
    }

    @PostMapping("/api/v1/resources/{id}/stop")
    @Operation(summary = "Stop a running resource", description = "A container's apps are stopped with it.")
    ResourceJson stop(@PathVariable long id) {
        return ResourceJson.of(provisioning.stop(id));
    }

    @DeleteMapping("/api/v1/resources/{id}")
    @Operation(summary = "Delete a resource", description = "A container with apps needs withChildren=true to delete "
            + "them too.")
    ResourceJson delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean withChildren) {
        return ResourceJson.of(provisioning.delete(id, withChildren));
    }

    private static long templateId(@Nullable Long templateId) {
        if (templateId == null) {
            throw new InvalidInputException("templateId", "templateId is required; GET /api/v1/templates lists them.");
        }
        return templateId;
    }

    private static <T> PageResponse<T> page(List<T> items) {
        return new PageResponse<>(items, 0, Math.max(items.size(), 1), items.size());
    }

}
