package org.burnrate.budget;

import org.burnrate.support.PostgresTest;

@PostgresTest
class BudgetPostgresTest extends BudgetTests {
}
