package org.coopstats.query;

import java.util.Locale;
import org.coopstats.common.ProblemException;

/** A representation of the answer to an observation query. */
public enum ObservationFormat {
  JSON,
  CSV,
  JSONSTAT,
  XLSX;

  /** The format named by the {@code format} parameter, in any case. */
  public static ObservationFormat named(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "json" -> JSON;
      case "jsonstat", "json-stat" -> JSONSTAT;
      case "xlsx" -> XLSX;
      default ->
          throw ProblemException.badRequest(
              "format '" + format + "' is not offered here: use json, csv, jsonstat or xlsx.");
    };
  }

  /** Tells the answers of one URL apart in their ETag. */
  String variant() {
    return name().toLowerCase(Locale.ROOT);
  }
}
