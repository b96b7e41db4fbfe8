package org.coopstats.validation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One fault found in a submission.
 *
 * @param line the CSV line (1 is the header), for CSV uploads
 * @param index the position in the JSON array (from 0), for JSON uploads
 * @param column the column or property at fault, where there is one
 * @param value the value found there
 * @param rule the consistency rule broken: R01…R10, or FORMAT for a fault of the file itself
 * @param severity ERROR rejects the submission; WARNING is reported and kept
 * @param message what is wrong and what to do about it
 * @param seriesKey the series (dimension codes joined by dots), for checks across rows
 * @param period the reference period, for checks across rows
 * @param expected the value the rule expects (a total, a bound), where there is one
 * @param found the value found (a sum of children, the submitted value)
 * @param unitId the register's unit, for a unit record's checks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationIssue(
    Long line,
    Long index,
    String column,
    String value,
    String rule,
    Severity severity,
    String message,
    String seriesKey,
    String period,
    java.math.BigDecimal expected,
    java.math.BigDecimal found,
    String unitId) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static ValidationIssue error(
      RowRef row, String column, String value, String rule, String message) {
    return of(row, column, value, rule, Severity.ERROR, message, null, null, null, null);
  }

  /** An issue of a row ({@code row} null for the submission as a whole). */
  public static ValidationIssue of(
      RowRef row,
      String column,
      String value,
      String rule,
      Severity severity,
      String message,
      String seriesKey,
      String period,
      java.math.BigDecimal expected,
      java.math.BigDecimal found) {
    return new ValidationIssue(
        row == null ? null : row.line(),
        row == null ? null : row.index(),
        column,
        value,
        rule,
        severity,
        message,
        seriesKey,
        period,
        expected,
        found,
        null);
  }

  /**
   * An issue of one unit record of a register, named by its unit and period; {@code value} only
   * where it is a code or text at fault, never a unit's figure.
   */
  public static ValidationIssue ofUnit(
      RowRef row,
      String unitId,
      String period,
      String column,
      String value,
      String rule,
      Severity severity,
      String message) {
    return new ValidationIssue(
        row == null ? null : row.line(),
        row == null ? null : row.index(),
        column,
        value,
        rule,
        severity,
        message,
        null,
        period,
        null,
        null,
        unitId);
  }
}
