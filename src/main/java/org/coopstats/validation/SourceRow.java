package org.coopstats.validation;

import java.util.Map;

/**
 * One row of a submission as read, before any checking: column name to raw text. A column that is
 * absent or blank is missing.
 */
public record SourceRow(RowRef ref, Map<String, String> values) {

  public String value(String column) {
    String value = values.get(column);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
