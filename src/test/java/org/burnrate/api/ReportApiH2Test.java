package org.burnrate.api;

import org.burnrate.support.WebTest;

@WebTest
class ReportApiH2Test extends ReportApiTests {
}
