package org.burnrate.provisioning.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.burnrate.base.NotFoundException;
import org.burnrate.provisioning.CallbackRejectedException;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ResourceProvider;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.security.SystemActor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Where providers confirm state changes after the fact. No user signs in here: the provider
 * authenticates each callback by its signature, and the report is applied as the system actor.
 * Late, repeated or impossible reports are answered {@code applied: false} and change nothing.
 */
@RestController
@RequestMapping("/api/v1/provider-callbacks")
@Tag(name = "Provider callbacks", description = "State changes confirmed by an external orchestrator, signed with "
        + "the provider's shared secret")
class ProviderCallbackController {

    /** Far more than a state report needs; a larger body is refused unread. */
    static final int MAX_BODY = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ProviderCallbackController.class);

    private final Map<String, ResourceProvider> providers;
    private final ProvisioningService provisioning;

    ProviderCallbackController(List<ResourceProvider> providers, ProvisioningService provisioning) {
        this.providers = providers.stream()
                .collect(Collectors.toUnmodifiableMap(ResourceProvider::name, Function.identity()));
        this.provisioning = provisioning;
    }

    /** What a webhook callback carries, for the API documentation. */
    @Schema(name = "ProviderCallback")
    record CallbackBody(long resourceId, ResourceState state,
            @Schema(description = "When it happened; the signature's timestamp when absent") @Nullable Instant at,
            @Nullable String providerRef, @Nullable String message) {
    }

    record Applied(boolean applied) {
    }

    @PostMapping("/{provider}")
    @Operation(summary = "Report a confirmed state change", description = "For the webhook provider: "
            + "{\"resourceId\": 42, \"state\": \"RUNNING\", \"at\": \"2026-01-31T12:00:00Z\" (optional), \"providerRef\" "
            + "and \"message\" (optional)}, with the headers X-Burnrate-Timestamp (epoch seconds, within the configured "
            + "tolerance of now) and X-Burnrate-Signature: sha256=<lower-case hex HMAC-SHA256 of "
            + "\"<timestamp>.<raw body>\" with the shared secret>. Answers {\"applied\": true} when the resource "
            + "changed and false for a late, repeated or impossible report; 401 when the signature, timestamp or "
            + "body is refused.",
            parameters = {
                    @Parameter(name = "X-Burnrate-Timestamp", in = ParameterIn.HEADER, required = true,
                            description = "Seconds since 1970-01-01T00:00:00Z when the callback was signed"),
                    @Parameter(name = "X-Burnrate-Signature", in = ParameterIn.HEADER, required = true,
                            description = "sha256=<lower-case hex HMAC-SHA256(secret, timestamp + \".\" + body)>") },
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = CallbackBody.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Read and applied (or ignored as late or repeated)"),
                    @ApiResponse(responseCode = "401", description = "Refused: unsigned, forged, stale or unreadable"),
                    @ApiResponse(responseCode = "404", description = "No such provider or resource") })
    Applied callback(@PathVariable String provider, HttpServletRequest request) throws IOException {
        var target = providers.get(provider);
        if (target == null) {
            throw new NotFoundException("There is no provider named '" + provider + "'.");
        }
        var report = target.readCallback(headers(request), body(request));
        boolean applied = SystemActor.call(() -> provisioning.applyProviderReport(report));
        log.info("Callback from provider {}: resource {} {} at {} {}", provider, report.resourceId(), report.state(),
                report.at(), applied ? "applied" : "changed nothing");
        return new Applied(applied);
    }

    @ExceptionHandler(CallbackRejectedException.class)
    ProblemDetail refused(CallbackRejectedException e, HttpServletRequest request) {
        log.warn("Refused a provider callback to {}: {}", request.getRequestURI(), e.getMessage());
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Callback refused");
        return problem;
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (var name : Collections.list(request.getHeaderNames())) {
            var value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw tooLarge();
        }
        try (InputStream input = request.getInputStream()) {
            byte[] body = input.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "A callback body has at most " + MAX_BODY / 1024 + " KiB.");
    }
}
