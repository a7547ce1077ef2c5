package org.burnrate.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The default provider: pretends to create, start, stop and delete, so that the portal works out of
 * the box. With no delay it confirms at once; with a delay it accepts and confirms later, as a
 * real orchestrator's callback would. A failure rate makes it refuse some creates and starts.
 */
@Component
class SimulatedProvider implements ResourceProvider, DisposableBean {

    static final String NAME = "simulated";

    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Duration delay;
    private final double failureRate;
    private final Random random;
    private final Later later;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "simulated-provider");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs the delayed confirmation; tests replace it to run confirmations when they choose. */
    interface Later {
        void run(Runnable task, Duration delay);
    }

    @org.springframework.beans.factory.annotation.Autowired
    SimulatedProvider(Clock clock, ApplicationEventPublisher events,
            @Value("${portal.providers.simulated.delay:PT0S}") Duration delay,
            @Value("${portal.providers.simulated.failure-rate:0}") double failureRate,
            @Value("${portal.providers.simulated.seed:42}") long seed) {
        this(clock, events, delay, failureRate, seed, null);
    }

    SimulatedProvider(Clock clock, ApplicationEventPublisher events, Duration delay, double failureRate, long seed,
            @org.jspecify.annotations.Nullable Later later) {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("burnrate.providers.simulated.failure-rate is a fraction from 0 to 1");
        }
        this.clock = clock;
        this.events = events;
        this.delay = delay;
        this.failureRate = failureRate;
        this.random = new Random(seed);
        this.later = later != null ? later
                : (task, wait) -> timer.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderResponse create(ProviderRequest request) {
        return act(request, ResourceState.RUNNING, true);
    }

    @Override
    public ProviderResponse start(ProviderRequest request) {
        return act(request, ResourceState.RUNNING, true);
    }

    @Override
    public ProviderResponse stop(ProviderRequest request) {
        return act(request, ResourceState.STOPPED, false);
    }

    @Override
    public ProviderResponse delete(ProviderRequest request) {
        return act(request, ResourceState.DELETED, false);
    }

    @Override
    public ProviderResponse status(ProviderRequest request) {
        return ProviderResponse.accepted(ref(request));
    }

    private ProviderResponse act(ProviderRequest request, ResourceState result, boolean mayFail) {
        if (mayFail && failureRate > 0 && nextDouble() < failureRate) {
            return ProviderResponse.failed("The simulated provider failed this request on purpose (failure rate "
                    + failureRate + ").");
        }
        if (delay.isZero() || delay.isNegative()) {
            return ProviderResponse.confirmed(result, clock.instant(), ref(request));
        }
        later.run(() -> events.publishEvent(new ProviderReport(NAME, request.resourceId(), result, clock.instant(),
                ref(request), null)), delay);
        return ProviderResponse.accepted(ref(request));
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    private static String ref(ProviderRequest request) {
        return "sim-" + request.resourceId();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
