package org.burnrate.catalog.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.organization.GlobalRole;
import org.burnrate.support.TestClock;
import org.burnrate.support.UiTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;

class TemplatesViewUiTest extends UiTest {

    @Autowired
    TemplateCatalog catalog;
    @Autowired
    CurrencySettings settings;

    String sysadmin;
    TemplatesView view;

    @BeforeEach
    void systemAdminAndAUnitValue() {
        sysadmin = newPerson("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        // Templates and the unit value are shared by the tests of one Spring context: the templates here
        // have names of their own, and the unit value is set at a moment no other test uses (see LATER).
        clock.set(TestClock.START.plus(SettingsViewUiTest.LATER).plus(Duration.ofDays(100)));
        signInAs(sysadmin);
        settings.set("EUR", new BigDecimal("0.05"), null);
    }

    void open() {
        signInAs(sysadmin);
        UI.getCurrent().navigate(TemplatesView.class);
        view = _get(TemplatesView.class);
    }

    static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    TemplateView template(String name, TemplateKind kind, @Nullable Long parent, @Nullable BurnRate rate) {
        signInAs(sysadmin);
        return catalog.create(new TemplateDraft(name, "", kind, parent, Billing.TIME, "simulated", Map.of(), null,
                true, ExhaustionPolicy.DEFAULT), rate);
    }

    static BurnRate perHour(String units, Duration minimumSpan) {
        return BurnRate.running(ConsumptionUnits.parse(units), Duration.ofHours(1), minimumSpan);
    }

    @Test
    void creatingATemplateWithAFirstRateShowsItInTheGridWithItsRateAndMinimumCharge() {
        String name = unique("Ubuntu VM");
        open();
        _click(view.create);
        var dialog = _get(TemplateEditorDialog.class);
        var rate = Objects.requireNonNull(dialog.initialRate);

        _setValue(dialog.name, name);
        _setValue(dialog.maxInstances, 2);
        _setValue(rate.units, "40");
        _setValue(rate.per, "1 hour");
        _setValue(rate.minimumSpan, "1 min");
        assertThat(rate.preview.getText()).startsWith("Minimum charge 0.6667 units (0.03 EUR), up front for each "
                + "started 1 min; running for an hour costs 40.0000 units (2.00 EUR).");
        _click(dialog.save);

        assertThat(_find(TemplateEditorDialog.class)).isEmpty();
        expectNotifications("Template '" + name + "' was created.");
        assertThat(_getFormattedRow(view.grid, rowOf(name))).containsSequence(name, "Standalone", "Per time span",
                "40 units / 1 h, minimum 1 min", "0.6667 units (0.03 EUR)", "simulated", "2", "Enabled");
    }

    @Test
    void aDuplicateNameOrABadThresholdIsRefusedOnItsFieldAndTheDialogStaysOpen() {
        String name = unique("Postgres");
        template(name, TemplateKind.STANDALONE, null, perHour("2", Duration.ofHours(24)));
        open();
        int before = _size(view.grid);
        _click(view.create);
        var dialog = _get(TemplateEditorDialog.class);

        _setValue(dialog.name, name);
        _setValue(dialog.warnAt, "50, 120");
        _click(dialog.save);
        assertThat(dialog.warnAt.isInvalid()).isTrue();
        assertThat(dialog.warnAt.getErrorMessage()).isEqualTo("Warning thresholds are percentages from 1 to 100; "
                + "120 is not.");

        _setValue(dialog.warnAt, "50, 80");
        _click(dialog.save);
        assertThat(dialog.warnAt.isInvalid()).isFalse();
        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.name.getErrorMessage()).isEqualTo("A template named '" + name + "' already exists.");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(_size(view.grid)).isEqualTo(before);
    }

    @Test
    void aChildTemplateWithARunningRateIsRefusedWithTheCatalogsReasonAndWithRateZeroItIsCreated() {
        String plan = unique("Web hosting plan");
        var container = template(plan, TemplateKind.CONTAINER, null, perHour("10", Duration.ofHours(1)));
        String child = unique("Web app");
        open();
        _click(view.create);
        var dialog = _get(TemplateEditorDialog.class);
        var rate = Objects.requireNonNull(dialog.initialRate);
        assertThat(dialog.parent.isVisible()).isFalse();

        _setValue(dialog.name, child);
        _setValue(dialog.kind, TemplateKind.CHILD);
        assertThat(dialog.parent.isVisible()).isTrue();
        assertThat(rate.units.getValue()).as("children start from a zero rate").isEqualTo("0");
        _setValue(dialog.parent, dialog.parent.getListDataView().getItems()
                .filter(item -> item.id() == container.id()).findFirst().orElseThrow());
        _setValue(rate.units, "5");
        _click(dialog.save);

        assertThat(rate.units.isInvalid()).isTrue();
        assertThat(rate.units.getErrorMessage()).isEqualTo("A child template burns nothing: its container is "
                + "charged. Give it a running rate of 0.");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(rowIndex(child)).as("nothing was created").isNegative();

        _setValue(rate.units, "0");
        _click(dialog.save);

        assertThat(_find(TemplateEditorDialog.class)).isEmpty();
        assertThat(_getFormattedRow(view.grid, rowOf(child))).containsSequence(child, "Child of " + plan,
                "Per time span", "0 units / 1 h, minimum 1 min", "—");
    }

    @Test
    void aRateScheduledForLaterIsMarkedScheduledWhileTheCurrentOneStaysInForce() {
        String name = unique("GPU VM");
        template(name, TemplateKind.STANDALONE, null, perHour("40", Duration.ofMinutes(1)));
        open();
        _click(_get(_getCellComponent(view.grid, rowOf(name), "actions"), Button.class,
                spec -> spec.withText("Rates")));
        var dialog = _get(RateHistoryDialog.class);
        assertThat(_size(dialog.grid)).isOne();
        assertThat(dialog.form.units.getValue()).as("the form starts from the rate in force").isEqualTo("40");

        var from = clock.instant().plus(Duration.ofDays(7));
        _setValue(dialog.form.units, "50");
        assertThat(dialog.form.preview.getText()).startsWith("Minimum charge 0.8333 units (0.04 EUR)");
        _setValue(dialog.form.effectiveFrom, CatalogTexts.local(from));
        _click(dialog.schedule);

        expectNotifications("The new rate of " + name + " takes over on " + CatalogTexts.when(from) + ".");
        assertThat(_size(dialog.grid)).isEqualTo(2);
        assertThat(_getFormattedRow(dialog.grid, 0)).containsExactly("50", "1 h", "1 min", "0", "0",
                CatalogTexts.when(from), sysadmin, "scheduled");
        assertThat(_getFormattedRow(dialog.grid, 1)).containsExactly("40", "1 h", "1 min", "0", "0",
                CatalogTexts.when(clock.instant()), sysadmin, "in force");
        assertThat(dialog.inForce.getText()).isEqualTo("In force: 40 units / 1 h, minimum 1 min, since "
                + CatalogTexts.when(clock.instant()) + ".");
        assertThat(_getFormattedRow(view.grid, rowOf(name))).contains("40 units / 1 h, minimum 1 min");
    }

    @Test
    void aRateCannotStartInThePastNorHaveAMinimumSpanLongerThan31Days() {
        String name = unique("Queue");
        template(name, TemplateKind.STANDALONE, null, perHour("1", Duration.ofMinutes(1)));
        open();
        _click(_get(_getCellComponent(view.grid, rowOf(name), "actions"), Button.class,
                spec -> spec.withText("Rates")));
        var dialog = _get(RateHistoryDialog.class);

        _setValue(dialog.form.minimumSpan, "32 d");
        assertThat(dialog.form.preview.getText()).startsWith("The preview shows once");
        _click(dialog.schedule);
        assertThat(dialog.form.minimumSpan.isInvalid()).isTrue();
        assertThat(dialog.form.minimumSpan.getErrorMessage()).startsWith("The minimum billable span is from PT1S");

        _setValue(dialog.form.minimumSpan, "PT24H");
        _setValue(dialog.form.effectiveFrom, CatalogTexts.local(clock.instant().minus(Duration.ofHours(2))));
        _click(dialog.schedule);
        assertThat(dialog.form.minimumSpan.isInvalid()).isFalse();
        assertThat(dialog.form.effectiveFrom.isInvalid()).isTrue();
        assertThat(dialog.form.effectiveFrom.getErrorMessage()).startsWith("A rate cannot start in the past");
        assertThat(_size(dialog.grid)).isOne();
    }

    @Test
    void editingKeepsKindAndBillingFixedAndSavesWhatMayChange() {
        String name = unique("MySQL VM");
        template(name, TemplateKind.STANDALONE, null, perHour("3", Duration.ofHours(1)));
        open();
        _click(_get(_getCellComponent(view.grid, rowOf(name), "actions"), Button.class,
                spec -> spec.withText("Edit")));
        var dialog = _get(TemplateEditorDialog.class);

        assertThat(dialog.kind.isReadOnly()).isTrue();
        assertThat(dialog.billing.isReadOnly()).isTrue();
        assertThat(dialog.initialRate).as("rates have their own dialog once a template exists").isNull();
        assertThat(dialog.warnAt.getValue()).isEqualTo("50, 80, 95");
        _setValue(dialog.providerParameters, "image=mysql-8\nsize=2vcpu");
        _setValue(dialog.enabled, false);
        _click(dialog.save);

        expectNotifications("Template '" + name + "' was saved.");
        assertThat(_getFormattedRow(view.grid, rowOf(name))).contains("Disabled");
        assertThat(catalog.get(_get(view.grid, rowOf(name)).id()).providerParameters())
                .containsExactly(Map.entry("image", "mysql-8"), Map.entry("size", "2vcpu"));
    }

    @Test
    void onlySystemAdminsMayOpenTheTemplates() {
        signInAs(newPerson("student", Set.of()));

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/templates"))
                .hasMessageContaining("Access is denied");
        assertThat(_find(TemplatesView.class)).isEmpty();
    }

    private int rowIndex(String name) {
        return IntStream.range(0, _size(view.grid)).filter(i -> _get(view.grid, i).name().equals(name)).findFirst()
                .orElse(-1);
    }

    private int rowOf(String name) {
        int row = rowIndex(name);
        assertThat(row).as("a row for " + name).isNotNegative();
        return row;
    }
}
