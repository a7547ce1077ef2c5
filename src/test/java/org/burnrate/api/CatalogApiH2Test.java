package org.burnrate.api;

import org.burnrate.support.WebTest;

@WebTest
class CatalogApiH2Test extends CatalogApiTests {
}
