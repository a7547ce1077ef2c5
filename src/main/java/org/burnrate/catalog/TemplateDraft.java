package org.burnrate.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import org.burnrate.base.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** What a system admin says about a template, checked on construction. */
public record TemplateDraft(String name, String description, TemplateKind kind, @Nullable Long parentTemplateId,
        Billing billing, String provider, Map<String, String> providerParameters,
        @Nullable Integer maxInstancesPerMember, boolean enabled, ExhaustionPolicy exhaustion) {

    public static final int MAX_NAME = 120;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_PARAMETERS_TEXT = 4000;

    public TemplateDraft {
        name = name == null ? "" : name.strip();
        description = description == null ? "" : description.strip();
        provider = provider == null || provider.isBlank() ? "simulated" : provider.strip().toLowerCase(java.util.Locale.ROOT);
        providerParameters = providerParameters == null ? Map.of() : new LinkedHashMap<>(providerParameters);
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "A template needs a name, for example 'Ubuntu VM (2 vCPU)'.");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "A template name has at most " + MAX_NAME + " characters.");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "A description has at most " + MAX_DESCRIPTION + " characters.");
        }
        if (kind == TemplateKind.CHILD && parentTemplateId == null) {
            throw new InvalidInputException("parentTemplateId",
                    "A child template names the container template it lives in (parentTemplateId).");
        }
        if (kind != TemplateKind.CHILD && parentTemplateId != null) {
            throw new InvalidInputException("parentTemplateId", "Only child templates have a parent template.");
        }
        if (maxInstancesPerMember != null && (maxInstancesPerMember < 1 || maxInstancesPerMember > 1000)) {
            throw new InvalidInputException("maxInstancesPerMember",
                    "The most instances one member may hold is from 1 to 1000, or empty for no limit.");
        }
        if (!provider.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new InvalidInputException("provider", "A provider is named in lower-case letters, digits and dashes, "
                    + "for example 'simulated' or 'webhook'.");
        }
        for (var key : providerParameters.keySet()) {
            if (key == null || !key.matches("[A-Za-z][A-Za-z0-9_.-]{0,59}")) {
                throw new InvalidInputException("providerParameters", "Parameter names start with a letter and use "
                        + "letters, digits, '_', '.' and '-': '" + key + "' does not.");
            }
            var value = providerParameters.get(key);
            if (value == null || value.contains("\n")) {
                throw new InvalidInputException("providerParameters", "The value of '" + key + "' must be one line of text.");
            }
        }
        if (parametersText(providerParameters).length() > MAX_PARAMETERS_TEXT) {
            throw new InvalidInputException("providerParameters", "Provider parameters take at most "
                    + MAX_PARAMETERS_TEXT + " characters in all.");
        }
    }

    /** Parameters as stored: one {@code name=value} per line. */
    static String parametersText(Map<String, String> parameters) {
        var text = new StringBuilder();
        parameters.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** Parses {@code name=value} lines, as stored or as typed into the editor. */
    public static Map<String, String> parseParameters(@Nullable String text) {
        var parameters = new LinkedHashMap<String, String>();
        if (text == null) {
            return parameters;
        }
        for (var line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw new InvalidInputException("providerParameters",
                        "Write each provider parameter as name=value on its own line; '" + line.strip() + "' is not.");
            }
            parameters.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return parameters;
    }
}
