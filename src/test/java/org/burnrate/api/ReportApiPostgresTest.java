package org.burnrate.api;

import org.burnrate.support.WebPostgresTest;

@WebPostgresTest
class ReportApiPostgresTest extends ReportApiTests {
}
