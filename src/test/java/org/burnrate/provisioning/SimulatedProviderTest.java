package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The default provider: immediate or delayed confirmations, and failures on purpose. */
class SimulatedProviderTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final List<Object> published = new ArrayList<>();
    final List<Runnable> later = new ArrayList<>();
    final List<Duration> delays = new ArrayList<>();

    static ProviderRequest request(long id) {
        return new ProviderRequest(id, "vm", 1, 2, "VM", Map.of(), null, null);
    }

    SimulatedProvider provider(Duration delay, double failureRate) {
        return new SimulatedProvider(clock, published::add, delay, failureRate, 7, (task, wait) -> {
            later.add(task);
            delays.add(wait);
        });
    }

    @Test
    void withoutDelayItConfirmsAtOnce() {
        var response = provider(Duration.ZERO, 0).create(request(5));
        assertThat(response.outcome()).isEqualTo(ProviderResponse.Outcome.CONFIRMED);
        assertThat(response.state()).isEqualTo(ResourceState.RUNNING);
        assertThat(response.at()).isEqualTo(NOW);
        assertThat(provider(Duration.ZERO, 0).stop(request(5)).state()).isEqualTo(ResourceState.STOPPED);
        assertThat(provider(Duration.ZERO, 0).delete(request(5)).state()).isEqualTo(ResourceState.DELETED);
        assertThat(later).isEmpty();
    }

    @Test
    void withADelayItAcceptsAndReportsTheConfirmationLater() {
        var response = provider(Duration.ofSeconds(30), 0).start(request(9));
        assertThat(response.outcome()).isEqualTo(ProviderResponse.Outcome.ACCEPTED);
        assertThat(response.providerRef()).isEqualTo("sim-9");
        assertThat(delays).containsExactly(Duration.ofSeconds(30));
        assertThat(published).isEmpty();

        later.getFirst().run();
        assertThat(published).singleElement().isInstanceOfSatisfying(ProviderReport.class, report -> {
            assertThat(report.provider()).isEqualTo("simulated");
            assertThat(report.resourceId()).isEqualTo(9);
            assertThat(report.state()).isEqualTo(ResourceState.RUNNING);
        });
    }

    @Test
    void itFailsTheConfiguredShareOfCreatesAndStartsButNeverAStop() {
        var always = provider(Duration.ZERO, 1);
        assertThat(always.create(request(1)).outcome()).isEqualTo(ProviderResponse.Outcome.FAILED);
        assertThat(always.start(request(1)).message()).contains("failure rate 1.0");
        assertThat(always.stop(request(1)).outcome()).isEqualTo(ProviderResponse.Outcome.CONFIRMED);

        var half = provider(Duration.ZERO, 0.5);
        long failed = java.util.stream.IntStream.range(0, 1000)
                .filter(i -> half.create(request(i)).outcome() == ProviderResponse.Outcome.FAILED).count();
        assertThat(failed).isBetween(420L, 580L);
    }
}
