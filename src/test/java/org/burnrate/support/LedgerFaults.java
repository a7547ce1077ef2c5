package org.burnrate.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.SpanDebit;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Faults injected into {@link Ledger#debitSpans}: while armed, a call that has written lines fails
 * afterwards, as a chunk would when its transaction breaks after its inserts, with the probability
 * given and decided by the {@link Random} given, so a seeded walk stays reproducible. Disarmed, it
 * only passes calls on. It is registered in every {@link H2Test} and {@link PostgresTest} context
 * (a test that arms it must disarm it) so that arming it costs no Spring context of its own.
 */
public final class LedgerFaults implements BeanPostProcessor, Ordered {

    /** The fault thrown, recognisable in logs and in a run's last error. */
    public static final class InjectedFault extends RuntimeException {

        InjectedFault(String message) {
            super(message);
        }
    }

    /** One {@code debitSpans} call while armed: the resources of its debits, the lines it wrote, whether it failed. */
    public record Call(Set<Long> resourceIds, int written, boolean failed) {
    }

    private final List<Call> calls = new ArrayList<>();
    private Random random;
    private double probability;

    /** From now on, each call that writes lines fails after writing them with {@code probability}. */
    public synchronized void arm(Random random, double probability) {
        this.random = random;
        this.probability = probability;
        calls.clear();
    }

    /** Stops injecting; answers the calls made while armed, in order. */
    public synchronized List<Call> disarm() {
        random = null;
        var made = List.copyOf(calls);
        calls.clear();
        return made;
    }

    private Object debitSpans(MethodInvocation invocation) throws Throwable {
        var result = invocation.proceed();
        synchronized (this) {
            if (random == null) {
                return result;
            }
            Set<Long> resourceIds = new TreeSet<>();
            for (var debit : (List<?>) invocation.getArguments()[0]) {
                resourceIds.add(((SpanDebit) debit).resourceId());
            }
            int written = (Integer) result;
            boolean fail = written > 0 && random.nextDouble() < probability;
            calls.add(new Call(resourceIds, written, fail));
            if (fail) {
                throw new InjectedFault("Injected fault after " + written + " lines of resources " + resourceIds);
            }
        }
        return result;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!Ledger.class.isAssignableFrom(AopUtils.getTargetClass(bean))) {
            return bean;
        }
        var advisor = new NameMatchMethodPointcutAdvisor((MethodInterceptor) this::debitSpans);
        advisor.setMappedName("debitSpans");
        // Inside the ledger's transactional proxy: the fault leaves debitSpans as its own exception would.
        if (bean instanceof Advised advised && !advised.isFrozen()) {
            advised.addAdvisor(advisor);
            return bean;
        }
        var proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvisor(advisor);
        return proxy.getProxy();
    }

    /** After the proxy that makes the ledger transactional. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
