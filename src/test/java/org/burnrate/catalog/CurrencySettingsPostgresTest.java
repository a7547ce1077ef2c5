package org.burnrate.catalog;

import org.burnrate.support.PostgresTest;

@PostgresTest
class CurrencySettingsPostgresTest extends CurrencySettingsTests {
}
