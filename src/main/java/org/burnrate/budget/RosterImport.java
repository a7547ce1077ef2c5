package org.burnrate.budget;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.organization.People;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk roster import from CSV ({@code email,displayName,allocation}; the header line is optional,
 * an empty allocation means the group's default). Each row is its own transaction and gets its own
 * result, so one bad row changes nothing but itself; people already in the group are skipped, so
 * importing the same file twice imports nothing twice.
 */
@Service
public class RosterImport {

    public static final int MAX_ROWS = 5_000;

    public enum Outcome { ADDED, SKIPPED, FAILED }

    public record RowResult(int row, String email, Outcome outcome, String message) {
    }

    public record Report(List<RowResult> rows) {

        public long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }
    }

    /** How far an import has come, for a progress bar. */
    public record Progress(int done, int total) {
    }

    private final MembershipService members;
    private final MembershipRepository memberships;
    private final BudgetScopes scopes;
    private final People people;
    private final TransactionTemplate rowTransaction;

    RosterImport(MembershipService members, MembershipRepository memberships, BudgetScopes scopes, People people,
            PlatformTransactionManager transactions) {
        this.members = members;
        this.memberships = memberships;
        this.scopes = scopes;
        this.people = people;
        this.rowTransaction = new TransactionTemplate(transactions);
        this.rowTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @PreAuthorize("@budgetScopes.canManageMembers(#groupId)")
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Report importRoster(long groupId, String csv, @Nullable Consumer<Progress> progress) {
        var group = scopes.visibleGroup(groupId);
        List<CSVRecord> records = parse(csv);
        List<RowResult> results = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int total = records.size();
        int done = 0;
        for (CSVRecord record : records) {
            int row = (int) record.getRecordNumber();
            String email = field(record, 0).toLowerCase(Locale.ROOT);
            results.add(importRow(group, row, email, record, seen));
            done++;
            if (progress != null) {
                progress.accept(new Progress(done, total));
            }
        }
        return new Report(results);
    }

    private RowResult importRow(BudgetGroup group, int row, String email, CSVRecord record, Map<String, Integer> seen) {
        if (email.isEmpty()) {
            return new RowResult(row, email, Outcome.FAILED, "Row " + row + " has no email address.");
        }
        if (record.size() > 3) {
            return new RowResult(row, email, Outcome.FAILED, "Row " + row + " has " + record.size()
                    + " columns; expected email,displayName,allocation.");
        }
        Integer first = seen.putIfAbsent(email, row);
        if (first != null) {
            return new RowResult(row, email, Outcome.SKIPPED, "Same email as row " + first + "; skipped.");
        }
        try {
            String allocationText = field(record, 2);
            ConsumptionUnits allocation = allocationText.isEmpty() ? null : ConsumptionUnits.parse(allocationText);
            String displayName = field(record, 1);
            return rowTransaction.execute(status -> {
                var known = people.findByEmail(email);
                if (known.isPresent() && memberships.findByGroupIdAndUserId(group.id(), known.get().id())
                        .filter(m -> !m.isRemoved()).isPresent()) {
                    return new RowResult(row, email, Outcome.SKIPPED, known.get().displayName()
                            + " is already a member; skipped.");
                }
                var person = known.orElseGet(() -> people.findOrCreate(email,
                        displayName.isEmpty() ? email.substring(0, email.indexOf('@') > 0 ? email.indexOf('@') : email.length())
                                : displayName));
                var added = members.add(group.id(), person.email(), allocation, MemberRole.MEMBER);
                return new RowResult(row, email, Outcome.ADDED, "Added " + added.displayName() + " with "
                        + added.budget().allocated() + " units.");
            });
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            return new RowResult(row, email, Outcome.FAILED, "Row " + row + ": " + e.getMessage());
        }
    }

    private static List<CSVRecord> parse(String csv) {
        try (var parser = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get()
                .parse(new StringReader(csv.replace("\uFEFF", "")))) {
            List<CSVRecord> records = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.getRecordNumber() == 1 && field(record, 0).equalsIgnoreCase("email")) {
                    continue;
                }
                records.add(record);
                if (records.size() > MAX_ROWS) {
                    throw new InvalidInputException("A roster has at most " + MAX_ROWS + " rows; split the file.");
                }
            }
            if (records.isEmpty()) {
                throw new InvalidInputException("The file has no rows. Expected lines like: ada@example.org,Ada Lovelace,100");
            }
            return records;
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new InvalidInputException("The file is not valid CSV: " + e.getMessage());
        }
    }

    private static String field(CSVRecord record, int index) {
        return index < record.size() ? record.get(index).strip() : "";
    }
}
