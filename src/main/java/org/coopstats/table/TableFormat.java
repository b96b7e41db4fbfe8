package org.coopstats.table;

import org.coopstats.common.ProblemException;

/** The forms a table is served in. */
public enum TableFormat {
  JSON("json", "application/json", null),
  JSONSTAT("jsonstat", "application/json", null),
  CSV("csv", "text/csv; charset=UTF-8; header=present", ".csv"),
  XLSX("xlsx", TableFormat.XLSX_TYPE, ".xlsx");

  public static final String XLSX_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final String id;
  private final String mediaType;
  private final String extension;

  TableFormat(String id, String mediaType, String extension) {
    this.id = id;
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The format a {@code format} parameter names, or a 400 listing them. */
  public static TableFormat named(String name) {
    for (TableFormat format : values()) {
      if (format.id.equals(name)) {
        return format;
      }
    }
    throw ProblemException.badRequest(
        "format '" + name + "' is not offered for tables: use json, jsonstat, csv or xlsx.");
  }

  public String id() {
    return id;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The file name extension of a download, or null for JSON (not a download). */
  public String extension() {
    return extension;
  }
}
