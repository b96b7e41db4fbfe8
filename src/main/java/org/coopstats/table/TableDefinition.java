package org.coopstats.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table as data (V20__tables.sql): which structure and measures it shows, which dimensions make
 * its rows and columns, and the codes of the others.
 *
 * @param measures the measures shown, in order; one unless MEASURE is on an axis
 * @param rows the row axes, outermost first
 * @param columns the column axes, outermost first
 * @param fixed the code of a dimension on no axis (otherwise {@code _T}, or {@code _Z} where it
 *     does not apply)
 */
public record TableDefinition(
    String id,
    String structureId,
    String titleEn,
    String titleFr,
    String titleEs,
    List<String> measures,
    List<Axis> rows,
    List<Axis> columns,
    Map<String, String> fixed,
    String notes) {

  /** The pseudo-dimension of periods: an axis of the periods that have data. */
  public static final String TIME_PERIOD = "TIME_PERIOD";

  /**
   * One dimension along rows or columns.
   *
   * @param codes the codes shown, in order; null for every code of its code list but {@code _Z}
   * @param children the area asked for and its children (REF_AREA)
   */
  public record Axis(String dimension, List<String> codes, boolean children) {}

  /** The title in {@code lang}, English where that one is missing. */
  public String title(String lang) {
    String title =
        switch (lang) {
          case "fr" -> titleFr;
          case "es" -> titleEs;
          default -> titleEn;
        };
    return title == null ? titleEn : title;
  }

  /** The row axes, then the column axes. */
  public List<Axis> axes() {
    List<Axis> all = new ArrayList<>(rows);
    all.addAll(columns);
    return all;
  }

  public boolean onAxis(String dimension) {
    return axes().stream().anyMatch(a -> a.dimension().equals(dimension));
  }
}
