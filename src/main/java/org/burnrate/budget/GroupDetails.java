package org.burnrate.budget;

import java.time.LocalDate;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** What a group admin decides about a group, checked on construction. */
public record GroupDetails(String name, String description, @Nullable LocalDate startDate,
        @Nullable LocalDate endDate, ConsumptionUnits defaultAllocation, boolean overcommit) {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;

    public GroupDetails {
        name = name == null ? "" : name.strip();
        description = description == null ? "" : description.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "A group needs a name, for example 'CS101 Cloud Fundamentals'.");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "A group name has at most " + MAX_NAME + " characters.");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "A description has at most " + MAX_DESCRIPTION + " characters.");
        }
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw new InvalidInputException("endDate", "The end date " + endDate + " is before the start date " + startDate + ".");
        }
        if (defaultAllocation.isNegative()) {
            throw new InvalidInputException("defaultAllocation", "The default allocation cannot be negative.");
        }
    }
}
