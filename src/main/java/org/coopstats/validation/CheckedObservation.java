package org.coopstats.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An observation that passed the row checks (R01–R03), with every default filled in.
 *
 * @param key the codes of the series dimensions, in key order
 * @param keyPositions where each code of the key stands in its dimension's code list ({@link
 *     org.coopstats.catalog.CodeList#codes()}), found while checking it: the compact form of the
 *     key
 * @param value null for a missing value flagged by its observation status, or a deletion
 * @param deletion the row removes its key (SDMX-CSV ACTION D) instead of storing a value
 */
public record CheckedObservation(
    RowRef source,
    List<String> key,
    int[] keyPositions,
    TimePeriod period,
    BigDecimal value,
    String obsStatus,
    String confStatus,
    String unitMeasure,
    int unitMult,
    String comment,
    boolean deletion) {

  /** The attributes a checked observation carries, in the order of {@link #attribute(int)}. */
  public static final List<String> ATTRIBUTES =
      List.of("OBS_STATUS", "CONF_STATUS", "UNIT_MEASURE", "UNIT_MULT", "COMMENT_OBS");

  // UNIT_MULT as text without a new String per row (the codes are small powers of ten).
  private static final String[] SMALL_NUMBERS =
      IntStream.range(0, 64).mapToObj(Integer::toString).toArray(String[]::new);

  /**
   * Attribute {@code index} of {@link #ATTRIBUTES} as stored: its code or text (UNIT_MULT in
   * decimal digits), or null where the observation has none.
   */
  public String attribute(int index) {
    return switch (index) {
      case 0 -> obsStatus;
      case 1 -> confStatus;
      case 2 -> unitMeasure;
      case 3 ->
          unitMult >= 0 && unitMult < SMALL_NUMBERS.length
              ? SMALL_NUMBERS[unitMult]
              : Integer.toString(unitMult);
      case 4 -> comment;
      default -> throw new IndexOutOfBoundsException(index);
    };
  }

  /** Attribute {@code id} as stored (see {@link #attribute(int)}); null if not carried. */
  public String attribute(String id) {
    int index = ATTRIBUTES.indexOf(id);
    return index < 0 ? null : attribute(index);
  }
}
