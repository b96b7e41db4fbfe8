package org.coopstats.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.coopstats.validation.RowRef;
import org.coopstats.validation.ValidationIssue;
import org.junit.jupiter.api.Test;

/** An upload's issues: all counted, the first ones kept up to a cap, errors shown first. */
class IssueCollectorTest {

  private static ValidationIssue error(long line) {
    return ValidationIssue.error(RowRef.csvLine(line), null, null, "R01", "error " + line);
  }

  private static ValidationIssue warning(long line) {
    return ValidationIssue.of(
        RowRef.csvLine(line),
        null,
        null,
        "R05",
        ValidationIssue.Severity.WARNING,
        "warning " + line,
        null,
        null,
        null,
        null);
  }

  @Test
  void errorsComeFirstAndWarningsFillWhatTheCapLeaves() {
    IssueCollector issues = new IssueCollector(3);
    issues.accept(warning(2));
    issues.accept(error(3));
    issues.accept(warning(4));
    issues.accept(error(5));
    IssueCollector.Findings findings = issues.findings(4);
    assertThat(findings.rowsRead()).isEqualTo(4);
    assertThat(findings.errors()).isEqualTo(2);
    assertThat(findings.warnings()).isEqualTo(2);
    assertThat(findings.shown()).containsExactly(error(3), error(5), warning(2));
  }

  @Test
  void everyIssueIsCountedPastTheCap() {
    IssueCollector issues = new IssueCollector(2);
    for (int line = 2; line < 12; line++) {
      issues.accept(error(line));
    }
    assertThat(issues.errors()).isEqualTo(10);
    assertThat(issues.shown()).containsExactly(error(2), error(3));
  }
}
