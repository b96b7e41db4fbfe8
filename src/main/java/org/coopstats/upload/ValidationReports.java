package org.coopstats.upload;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coopstats.validation.ValidationIssue;

/** A validation report as JSON (the given body) or, when the client asks, as a CSV download. */
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

  private ValidationReports() {}

  public static Response respond(
      List<ValidationIssue> issues, Object jsonBody, HttpHeaders headers) {
    if (!wantsCsv(headers)) {
      return Response.ok(jsonBody, MediaType.APPLICATION_JSON).build();
    }
    StreamingOutput csv =
        output -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
          write(issues, writer);
          writer.flush();
        };
    return Response.ok(csv, "text/csv; charset=UTF-8; header=present")
        .header("Content-Disposition", "attachment; filename=\"validation-report.csv\"")
        .build();
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

  private static boolean wantsCsv(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
        return true;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** The text exactly, as every CSV of the service writes it (README, "CSV is data"). */
  private static String safe(String text) {
    return text == null ? "" : text;
  }
}
