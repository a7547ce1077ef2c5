package org.burnrate.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The provider beans by name, as templates refer to them. */
@Component
class Providers {

    private final Map<String, ResourceProvider> byName;

    Providers(List<ResourceProvider> providers) {
        this.byName = providers.stream().collect(Collectors.toUnmodifiableMap(ResourceProvider::name, Function.identity()));
    }

    Optional<ResourceProvider> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
