package org.coopstats.validation;

/** Where a row came from: a CSV line number, or an index in a JSON array. */
public record RowRef(Long line, Long index) {

  public static RowRef csvLine(long line) {
    return new RowRef(line, null);
  }

  public static RowRef jsonIndex(long index) {
    return new RowRef(null, index);
  }

  public long ordinal() {
    return line != null ? line : index;
  }

  @Override
  public String toString() {
    return line != null ? "line " + line : "index " + index;
  }
}
