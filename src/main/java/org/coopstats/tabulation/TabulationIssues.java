package org.coopstats.tabulation;

import org.coopstats.disclosure.AuditFailure;
import org.coopstats.validation.TimePeriod;
import org.coopstats.validation.ValidationIssue;

/** The faults of a tabulation, as issues of the upload it makes. */
final class TabulationIssues {

  /** The rule a protection that fails its audit breaks. */
  static final String RULE = "SDC";

  private TabulationIssues() {}

  /** A cell the audit found unprotected: named, with the interval an intruder gets, no value. */
  static ValidationIssue unprotected(AuditFailure failure, TimePeriod period) {
    return ValidationIssue.of(
        null,
        null,
        null,
        RULE,
        ValidationIssue.Severity.ERROR,
        failure.message(),
        failure.cellId(),
        period.text(),
        null,
        null);
  }
}
