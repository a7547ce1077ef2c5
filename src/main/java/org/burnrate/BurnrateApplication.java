package org.burnrate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Burnrate: budgets and consumption units for shared cloud resources.
 * Every direct sub-package is an application module; see {@code ModularityTest}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BurnrateApplication {

    public static void main(String[] args) {
        SpringApplication.run(BurnrateApplication.class, args);
    }
}
