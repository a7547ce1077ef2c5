package org.burnrate.metering.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.burnrate.metering.MeteringRunView;
import org.burnrate.metering.MeteringService;
import org.burnrate.organization.GlobalRole;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.provisioning.ResourceCosts;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import com.vaadin.flow.component.UI;

class MeteringViewUiTest extends UiTest {

    private static final Pattern SUMMARY = Pattern.compile("Wrote (\\d+) lines? for (\\d+) resources? in \\d+ ms");

    @Autowired
    BudgetAdministration administration;
    @Autowired
    GroupService groups;
    @Autowired
    MembershipService memberships;
    @Autowired
    TemplateCatalog catalog;
    @Autowired
    CurrencySettings currency;
    @Autowired
    ProvisioningService provisioning;
    @Autowired
    ResourceCosts costs;
    @Autowired
    MeteringService metering;

    String sysadmin;
    ResourceView running;

    @BeforeEach
    void aStudentsVmRunningForNinetySeconds() {
        // Whatever earlier tests left running is charged up to this moment, so that it is not in the way.
        SystemActor.run(() -> metering.run("test setup"));
        String instructor = newPerson("instructor", Set.of());
        String student = newPerson("student", Set.of());
        sysadmin = newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        signInAs(sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(instructor, ConsumptionUnits.parse("3000"), null, null);
        String tag = " " + UUID.randomUUID().toString().substring(0, 8);
        var vm = catalog.create(new TemplateDraft("VM" + tag, "", TemplateKind.STANDALONE, null, Billing.TIME,
                "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(ConsumptionUnits.parse("40"), Duration.ofHours(1), Duration.ofMinutes(1)));
        signInAs(instructor);
        var group = groups.create(null, new GroupDetails("Lab" + tag, "", LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 1, 31), ConsumptionUnits.parse("100"), false), ConsumptionUnits.parse("1000"));
        memberships.add(group.id(), student, null, MemberRole.MEMBER);
        catalog.allowTemplates(group.id(), List.of(vm.id()));
        signInAs(student);
        running = provisioning.provision(group.id(), new ProvisionRequest(vm.id(), "vm", null, null, false));
        clock.advance(Duration.ofSeconds(90));
        SignIn.out();
    }

    List<LedgerLineView> debitsOfTheVm() {
        return SystemActor.call(() -> costs.lines(running.id(), PageRequest.of(0, 100))).getContent().stream()
                .filter(line -> line.type() == LineType.DEBIT).toList();
    }

    @Test
    void runNowWritesWhatIsOwedAndShowsTheRunOnTopOfTheList() {
        signInAs(sysadmin);
        UI.getCurrent().navigate("admin/metering");
        var view = _get(MeteringView.class);
        assertThat(view.waiting.getText()).matches("1 resource may still owe something: it is running, or it "
                + "stopped and was not metered since\\.|\\d+ resources may still owe something: they are running, or "
                + "they stopped and were not metered since\\.");
        assertThat(debitsOfTheVm()).isEmpty();

        _click(view.runNow);

        assertThat(debitsOfTheVm()).as("both started spans").hasSize(2);
        assertThat(view.result.isVisible()).isTrue();
        var summary = SUMMARY.matcher(view.result.getText());
        assertThat(summary.matches()).as(view.result.getText()).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(summary.group(2))).isGreaterThanOrEqualTo(1);
        assertThat(view.runNow.isEnabled()).isTrue();
        assertThat(view.lag.getText()).isEqualTo("The ledger is up to date to just now.");

        var runs = view.grid.getListDataView().getItems().toList();
        var newest = runs.stream().max(Comparator.comparingLong(MeteringRunView::id)).orElseThrow();
        int row = runs.indexOf(newest);
        assertThat(_getFormatted(view.grid, row, "trigger")).isEqualTo(MeteringView.TRIGGER);
        assertThat(_getFormatted(view.grid, row, "lines")).isEqualTo(summary.group(1));
        assertThat(_getFormatted(view.grid, row, "resources")).isEqualTo(summary.group(2));
        assertThat(_getFormatted(view.grid, row, "errors")).isEqualTo("0");
        assertThat(_getFormatted(view.grid, row, "stopped")).as("stopped for lack of budget").isEqualTo("0");
        assertThat(_getFormatted(view.grid, row, "lastError")).isEqualTo("—");
        assertThat(_getFormatted(view.grid, row, "duration")).endsWith(" ms");

        _click(view.runNow);
        assertThat(view.result.getText()).as("a second run has nothing left to write").startsWith("Wrote 0 lines for ");
        assertThat(debitsOfTheVm()).hasSize(2);
    }

    @Test
    void theLagReadsInSecondsMinutesAndHours() {
        assertThat(MeteringView.lagText(null)).isEqualTo("No run yet.");
        assertThat(MeteringView.lagText(Duration.ofSeconds(12))).isEqualTo("The ledger is up to date to 12 s ago.");
        assertThat(MeteringView.lagText(Duration.ofSeconds(185))).isEqualTo("The ledger is up to date to 3 min 5 s ago.");
        assertThat(MeteringView.lagText(Duration.ofMinutes(125).plusSeconds(9)))
                .isEqualTo("The ledger is up to date to 2 h 5 min ago.");
        assertThat(MeteringView.lagText(Duration.ofHours(24))).isEqualTo("The ledger is up to date to 1 d ago.");
        assertThat(MeteringView.lagText(Duration.ofSeconds(-3))).isEqualTo("The ledger is up to date to just now.");
    }

    @Test
    void aRunsSummarySaysWhatItStoppedForLackOfBudgetAndItsErrors() {
        var at = java.time.Instant.parse("2026-12-03T10:00:00Z");
        var run = new MeteringRunView(7, "node", "test", at, at, at, Duration.ofMillis(45), 3, 12, 1, 2,
                "resource 9: provider down");
        assertThat(MeteringView.summary(run))
                .isEqualTo("Wrote 12 lines for 3 resources in 45 ms, stopped 2 resources for lack of budget, 1 error");
        var quiet = new MeteringRunView(8, "node", "test", at, at, at, Duration.ofMillis(5), 1, 1, 0, 0, null);
        assertThat(MeteringView.summary(quiet)).isEqualTo("Wrote 1 line for 1 resource in 5 ms");
    }

    @Test
    void aMemberIsRefused() {
        signInAs(newPerson("student", Set.of()));

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/metering")).hasMessageContaining("Access is denied");
        assertThat(_find(MeteringView.class)).isEmpty();
    }
}
