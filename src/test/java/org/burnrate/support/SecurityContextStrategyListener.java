package org.burnrate.support;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Every portal context installs its own (Vaadin-aware) security-context strategy in the static
 * {@link SecurityContextHolder}, and the last context started wins. Several contexts live side by
 * side in one test JVM, so before each test this puts back the strategy of the test's own context,
 * the one its method security reads.
 */
public class SecurityContextStrategyListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(strategy -> {
                    SecurityContextHolder.setContextHolderStrategy(strategy);
                    strategy.clearContext();
                });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
