package org.burnrate.catalog.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;

import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.UnitValue;
import org.burnrate.organization.GlobalRole;
import org.burnrate.support.TestClock;
import org.burnrate.support.UiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

class SettingsViewUiTest extends UiTest {

    /**
     * The unit value is one setting for the whole database, which the tests of one Spring context
     * share. These tests work at moments nobody else uses: after the clock's start (where other tests
     * find no value in force) and before the 1000 days after it, where the currency settings tests
     * expect their versions to be the newest. Each test first puts a value of its own in force.
     */
    static final Duration LATER = Duration.ofDays(500);

    @Autowired
    CurrencySettings settings;

    String sysadmin;
    SettingsView view;

    @BeforeEach
    void systemAdminAndALaterMoment() {
        sysadmin = newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        clock.set(TestClock.START.plus(LATER));
    }

    UnitValue inForce(String currency, String value) {
        signInAs(sysadmin);
        return settings.set(currency, new BigDecimal(value), null);
    }

    void open() {
        signInAs(sysadmin);
        UI.getCurrent().navigate(SettingsView.class);
        view = _get(SettingsView.class);
    }

    @Test
    void settingANewValueAsksFirstThenShowsItInForceAndAtTheTopOfTheHistory() {
        var before = inForce("EUR", "0.05");
        open();
        assertThat(view.inForce.getText()).isEqualTo("1 unit = 0.05 EUR");
        assertThat(view.notSet.isVisible()).isFalse();
        assertThat(view.currency.getValue()).as("the form starts from the currency in force").isEqualTo("EUR");
        int rows = _size(view.history);

        _setValue(view.currency, "chf");
        _setValue(view.unitValue, "0.0731");
        assertThat(view.preview.getText()).isEqualTo("With this value, 100.0000 units (7.31 CHF).");
        _click(view.save);

        var confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt._getText(confirm)).contains("Past charges keep the value they were charged at")
                .contains("Until then, 1 unit = 0.05 EUR stays in force.");
        assertThat(view.inForce.getText()).as("nothing changes before the confirmation").isEqualTo("1 unit = 0.05 EUR");
        ConfirmDialogKt._fireConfirm(confirm);

        expectNotifications("1 unit = 0.0731 CHF from now on.");
        assertThat(view.inForce.getText()).isEqualTo("1 unit = 0.0731 CHF");
        assertThat(view.inForceSince.getText()).startsWith("Since " + CatalogTexts.when(clock.instant())
                + ", set by " + sysadmin + ".");
        assertThat(_size(view.history)).isEqualTo(rows + 1);
        assertThat(_getFormattedRow(view.history, rowOf("CHF", "0.0731"))).containsExactly("CHF", "0.0731",
                CatalogTexts.when(clock.instant()), sysadmin, "in force");
        assertThat(_getFormattedRow(view.history, rowOf(before))).last().isEqualTo("past");
    }

    @Test
    void aBadCurrencyIsRefusedWithTheServicesMessageAndChangesNothing() {
        inForce("EUR", "0.05");
        open();
        int before = _size(view.history);

        _setValue(view.currency, "Euro");
        _setValue(view.unitValue, "0.06");
        _click(view.save);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(view.currency.isInvalid()).isTrue();
        assertThat(view.currency.getErrorMessage())
                .isEqualTo("'Euro' is not an ISO 4217 currency code such as EUR, USD or CHF.");
        assertThat(view.inForce.getText()).isEqualTo("1 unit = 0.05 EUR");
        assertThat(_size(view.history)).isEqualTo(before);
        assertThat(view.unitValue.getValue()).as("the input stays for correcting").isEqualTo("0.06");
    }

    @Test
    void aValueThatIsNoNumberIsRefusedBeforeAnyConfirmation() {
        inForce("EUR", "0.05");
        open();

        _setValue(view.unitValue, "five cents");
        _click(view.save);

        assertThat(_find(ConfirmDialog.class)).isEmpty();
        assertThat(view.unitValue.isInvalid()).isTrue();
        assertThat(view.unitValue.getErrorMessage()).contains("'five cents' is not a number");
    }

    @Test
    void aValueScheduledForLaterIsMarkedScheduledWhileTheCurrentOneStaysInForce() {
        var current = inForce("EUR", "0.05");
        open();
        var from = clock.instant().plus(Duration.ofDays(7));

        _setValue(view.unitValue, "0.0642");
        _setValue(view.effectiveFrom, CatalogTexts.local(from));
        _click(view.save);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        expectNotifications("1 unit = 0.0642 EUR from " + CatalogTexts.when(from) + ".");
        assertThat(view.inForce.getText()).isEqualTo("1 unit = 0.05 EUR");
        assertThat(view.inForceSince.getText()).endsWith("Scheduled: 1 unit = 0.0642 EUR from "
                + CatalogTexts.when(from) + ".");
        assertThat(_getFormattedRow(view.history, rowOf("EUR", "0.0642"))).containsExactly("EUR", "0.0642",
                CatalogTexts.when(from), sysadmin, "scheduled");
        assertThat(_getFormattedRow(view.history, rowOf(current))).last().isEqualTo("in force");
    }

    @Test
    void aValueCannotStartInThePast() {
        inForce("EUR", "0.05");
        open();
        int before = _size(view.history);

        _setValue(view.unitValue, "0.07");
        _setValue(view.effectiveFrom, CatalogTexts.local(clock.instant().minus(Duration.ofDays(1))));
        _click(view.save);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(view.effectiveFrom.isInvalid()).isTrue();
        assertThat(view.effectiveFrom.getErrorMessage()).contains("cannot start in the past");
        assertThat(_size(view.history)).isEqualTo(before);
    }

    @Test
    void beforeAnyValueIsSetTheViewExplainsThatUnitsCannotBeShownInMoney() {
        // Long before any test's moment: no version is in force yet.
        clock.set(TestClock.START.minus(Duration.ofDays(3650)));
        open();

        assertThat(view.notSet.isVisible()).isTrue();
        assertThat(view.notSet.getText()).contains("units can't be shown in money");
        assertThat(view.inForce.isVisible()).isFalse();
    }

    @Test
    void onlySystemAdminsMayOpenTheSettings() {
        signInAs(newPerson("student", Set.of()));

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/settings")).hasMessageContaining("Access is denied");
        assertThat(_find(SettingsView.class)).isEmpty();
    }

    private int rowOf(UnitValue version) {
        return IntStream.range(0, _size(view.history)).filter(i -> _get(view.history, i).id() == version.id())
                .findFirst().orElseThrow(() -> new AssertionError("no version " + version.id() + " in the history"));
    }

    private int rowOf(String currency, String value) {
        // Values that only one test writes.
        return IntStream.range(0, _size(view.history))
                .filter(i -> _get(view.history, i).currency().getCurrencyCode().equals(currency)
                        && _get(view.history, i).valuePerUnit().compareTo(new BigDecimal(value)) == 0)
                .findFirst().orElseThrow(() -> new AssertionError("no " + value + " " + currency + " in the history"));
    }
}
