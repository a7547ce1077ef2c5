package org.burnrate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The rules a group's details obey on their own, without a database. */
class GroupDetailsTest {

    @Test
    void namesAndDescriptionsAreTrimmed() {
        var details = new GroupDetails("  CS101 ", " Intro ", null, null, ConsumptionUnits.of(100), false);

        assertThat(details.name()).isEqualTo("CS101");
        assertThat(details.description()).isEqualTo("Intro");
    }

    @Test
    void eachBadFieldIsNamedInTheRefusal() {
        assertThatThrownBy(() -> new GroupDetails("", "", null, null, ConsumptionUnits.ZERO, false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("name"));
        assertThatThrownBy(() -> new GroupDetails("X".repeat(201), "", null, null, ConsumptionUnits.ZERO, false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).contains("at most 200"));
        assertThatThrownBy(() -> new GroupDetails("X", "", LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 1),
                ConsumptionUnits.ZERO, false)).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("endDate"));
        assertThatThrownBy(() -> new GroupDetails("X", "", null, null, ConsumptionUnits.of(-1), false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("defaultAllocation"));
    }

    @Test
    void aOneDayGroupIsFine() {
        var day = LocalDate.of(2027, 1, 1);

        assertThat(new GroupDetails("Workshop", "", day, day, ConsumptionUnits.of(10), true).overcommit()).isTrue();
    }
}
