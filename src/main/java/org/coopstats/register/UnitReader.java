package org.coopstats.register;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.coopstats.common.ProblemException;
import org.coopstats.upload.RowSource;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/**
 * Takes the records of an upload as they are read: refuses columns a record cannot have (a misspelt
 * column would drop its figures unnoticed), checks each record and copies those without errors into
 * the staging table.
 */
final class UnitReader implements RowSource.Sink {

  private static final Set<String> KNOWN = Set.copyOf(UnitColumns.ALL);

  private final UnitChecks checks;
  private final UnitStaging staging;
  private final Consumer<ValidationIssue> issues;
  private final long maxRows;
  private final Set<String> unknownReported = new HashSet<>();
  private long rowsRead;

  UnitReader(
      UnitChecks checks, UnitStaging staging, Consumer<ValidationIssue> issues, long maxRows) {
    this.checks = checks;
    this.staging = staging;
    this.issues = issues;
    this.maxRows = maxRows;
  }

  @Override
  public boolean header(List<String> columns) {
    List<String> unknown = columns.stream().filter(c -> !KNOWN.contains(c)).toList();
    List<String> missing = UnitColumns.REQUIRED.stream().filter(c -> !columns.contains(c)).toList();
    unknown.forEach(this::unknownColumn);
    if (!missing.isEmpty()) {
      issues.accept(
          ValidationIssue.error(
              null,
              missing.get(0),
              null,
              "FORMAT",
              "The header lacks " + String.join(", ", missing) + ": every record has them."));
    }
    return unknown.isEmpty() && missing.isEmpty();
  }

  @Override
  public void row(SourceRow row) {
    rowsRead++;
    if (rowsRead > maxRows) {
      throw ProblemException.payloadTooLarge(
          "An upload holds at most "
              + maxRows
              + " unit records; split the register by period or region.");
    }
    List<String> unknown = new ArrayList<>();
    for (String column : row.values().keySet()) {
      if (!KNOWN.contains(column)) {
        unknown.add(column);
      }
    }
    if (!unknown.isEmpty()) {
      unknown.forEach(this::unknownColumn);
      return;
    }
    String[] stored = checks.check(row, issues);
    if (stored != null) {
      try {
        staging.write(row.ref(), stored);
      } catch (SQLException e) {
        throw new IllegalStateException("Copying the unit records failed", e);
      }
    }
  }

  long rowsRead() {
    return rowsRead;
  }

  private void unknownColumn(String column) {
    if (unknownReported.add(column)) {
      issues.accept(
          ValidationIssue.error(
              null,
              column,
              column,
              "FORMAT",
              "A unit record has no column "
                  + column
                  + ": the columns are "
                  + String.join(", ", UnitColumns.ALL)
                  + " (docs/registers.md)."));
    }
  }
}
