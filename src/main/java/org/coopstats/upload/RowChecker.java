package org.coopstats.upload;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.coopstats.common.ProblemException;
import org.coopstats.consistency.SubmissionRows;
import org.coopstats.validation.CheckedObservation;
import org.coopstats.validation.ObservationValidator;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.ValidationIssue;

/**
 * Checks every row a source reads and writes those without faults to the draft and to the rows the
 * cross-row rules look at; counts the rows, and stops at the most one upload may hold.
 */
final class RowChecker implements RowSource.Sink {

  private final ObservationValidator validator;
  private final boolean json;
  private final DraftWriter draft;
  private final SubmissionRows rows;
  private final IssueCollector issues;
  private final UploadProgress progress;
  private final long maxRows;
  private final List<ValidationIssue> rowIssues = new ArrayList<>();
  private long rowsRead;

  RowChecker(
      ObservationValidator validator,
      UploadCommand command,
      DraftWriter draft,
      SubmissionRows rows,
      IssueCollector issues,
      long maxRows) {
    this.validator = validator;
    this.json = command.format().rowsByIndex();
    this.draft = draft;
    this.rows = rows;
    this.issues = issues;
    this.progress = command.progress();
    this.maxRows = maxRows;
  }

  long rowsRead() {
    return rowsRead;
  }

  @Override
  public boolean header(List<String> columns) {
    int before = issues.errors();
    issues.addAll(validator.checkColumns(columns, RowRef.csvLine(1)));
    return issues.errors() == before;
  }

  @Override
  public void row(SourceRow row) {
    rowsRead++;
    if (rowsRead > maxRows) {
      throw tooManyRows(maxRows);
    }
    progress.rowsRead.incrementAndGet();
    if ((rowsRead & 1023) == 0) {
      progress.checkCancelled();
    }
    if (json) {
      issues.addAll(unknownProperties(row));
    }
    rowIssues.clear();
    CheckedObservation checked = validator.check(row, rowIssues);
    issues.addAll(rowIssues);
    progress.rowsChecked.incrementAndGet();
    if (checked != null) {
      try {
        draft.add(checked);
        rows.add(checked);
      } catch (SQLException e) {
        throw new StagingFailure(e);
      }
    }
  }

  /** A JSON row's keys that are no column; a missing required one is left to the row check. */
  private List<ValidationIssue> unknownProperties(SourceRow row) {
    List<ValidationIssue> found = validator.checkColumns(row.values().keySet(), row.ref());
    return found.stream().filter(i -> "FORMAT".equals(i.rule())).toList();
  }

  private static ProblemException tooManyRows(long maxRows) {
    return ProblemException.payloadTooLarge(
        "The submission has more than "
            + maxRows
            + " observations, the most one upload may hold (coopstats.upload.max-rows)."
            + " Split it into several uploads, for example by area or by year.");
  }

  /** Writing a row to the draft failed; the upload ends. */
  static final class StagingFailure extends RuntimeException {
    StagingFailure(SQLException cause) {
      super(cause);
    }
  }
}
