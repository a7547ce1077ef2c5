package org.burnrate.catalog;

import org.burnrate.support.H2Test;

@H2Test
class CurrencySettingsH2Test extends CurrencySettingsTests {
}
