package org.coopstats.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.coopstats.validation.ValidationIssue;

/** Keeps the first issues of an upload up to a cap, errors first, and counts them all. */
public final class IssueCollector implements Consumer<ValidationIssue> {

  private final int cap;
  private final List<ValidationIssue> errors = new ArrayList<>();
  private final List<ValidationIssue> warnings = new ArrayList<>();
  private int errorCount;
  private int warningCount;

  public IssueCollector(int cap) {
    this.cap = cap;
  }

  @Override
  public void accept(ValidationIssue issue) {
    if (issue.severity() == ValidationIssue.Severity.WARNING) {
      warningCount++;
      if (warnings.size() < cap) {
        warnings.add(issue);
      }
    } else {
      errorCount++;
      if (errors.size() < cap) {
        errors.add(issue);
      }
    }
  }

  void addAll(List<ValidationIssue> issues) {
    issues.forEach(this);
  }

  public int errors() {
    return errorCount;
  }

  public int warnings() {
    return warningCount;
  }

  /** Errors, then warnings, up to the cap. */
  List<ValidationIssue> shown() {
    List<ValidationIssue> shown = new ArrayList<>(errors);
    warnings.stream().limit(Math.max(0, cap - errors.size())).forEach(shown::add);
    return shown;
  }

  /** What was found in a submission of {@code rowsRead} rows, as it stands now. */
  public Findings findings(long rowsRead) {
    return new Findings(rowsRead, errorCount, warningCount, shown());
  }

  /**
   * What the checks found in a submission.
   *
   * @param shown the issues listed (errors first, up to the cap); the counts are of all of them
   */
  public record Findings(long rowsRead, int errors, int warnings, List<ValidationIssue> shown) {}
}
