package org.coopstats.disclosure;

/**
 * One cell of the tables derived from one register. An empty cell (no contributors, value 0) is a
 * known zero: never primary, never chosen as secondary.
 *
 * @param id the caller's (a series key), unique
 * @param kind what the cell measures
 * @param value the cell's value
 * @param nonNegative false for surplus: the audit's bounds are then free
 * @param units of the units in the cell
 * @param change null, or: of the units' changes since the published version (|new - old| per unit),
 *     given only for cells published in that version; the primary rules applied to these make the
 *     cell primary with status REVISION
 * @param keepSuppressed suppressed in the published version: must stay suppressed (SECONDARY if no
 *     primary rule fires now)
 */
public record Cell(
    String id,
    CellKind kind,
    double value,
    boolean nonNegative,
    Contributions units,
    Contributions change,
    boolean keepSuppressed) {

  private static final Contributions NONE = new Contributions(0, new double[0], 0);

  /**
   * A remainder that is never published and needs no protection, such as the units of a country
   * with no region (country = sum of regions + the hidden remainder).
   */
  public static Cell hidden(String id, boolean nonNegative) {
    return new Cell(id, CellKind.MAGNITUDE, Double.NaN, nonNegative, NONE, null, false);
  }

  /** Whether this is a hidden remainder (made by {@link #hidden}): its value is unknown (NaN). */
  public boolean isHidden() {
    return Double.isNaN(value);
  }
}
