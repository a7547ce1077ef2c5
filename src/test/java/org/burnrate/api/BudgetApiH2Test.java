package org.burnrate.api;

import org.burnrate.support.WebTest;

@WebTest
class BudgetApiH2Test extends BudgetApiTests {
}
