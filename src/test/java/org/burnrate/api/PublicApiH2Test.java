package org.burnrate.api;

import org.burnrate.support.WebTest;

@WebTest
class PublicApiH2Test extends PublicApiTests {
}
