package org.coopstats.upload;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coopstats.common.CsvDownloads;
import org.coopstats.validation.ValidationIssue;

/** A validation report as CSV: the download offered beside its JSON form. */
public final class ValidationReports {

  static final List<String> COLUMNS =
      List.of(
          "rule",
          "severity",
          "line",
          "index",
          "column",
          "value",
          "seriesKey",
          "period",
          "expected",
          "found",
          "message");

  /** The file name a report downloads as. */
  public static final String FILENAME = "validation-report.csv";

  private ValidationReports() {}

  /** The report as CSV, one issue a record, headed by {@link #COLUMNS}. */
  public static CsvDownloads.CsvBody csv(List<ValidationIssue> issues) {
    return writer -> write(issues, writer);
  }

  static void write(List<ValidationIssue> issues, Writer writer) throws IOException {
    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    printer.printRecord(COLUMNS);
    for (ValidationIssue i : issues) {
      printer.printRecord(
          i.rule(),
          i.severity(),
          text(i.line()),
          text(i.index()),
          text(i.column()),
          safe(i.value()),
          text(i.seriesKey()),
          text(i.period()),
          i.expected() == null ? "" : i.expected().toPlainString(),
          i.found() == null ? "" : i.found().toPlainString(),
          safe(i.message()));
    }
    printer.flush();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** The text exactly, as every CSV of the service writes it (README, "CSV is data"). */
  private static String safe(String text) {
    return text == null ? "" : text;
  }
}
