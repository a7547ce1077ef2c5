package org.burnrate.budget;

import org.burnrate.support.H2Test;

@H2Test
class BudgetH2Test extends BudgetTests {
}
