package org.coopstats.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.catalog.MeasureDef;
import org.coopstats.observation.ObservationRow;
import org.coopstats.table.TableGrid.Cell;

/**
 * The cells of a table from the released observations: a reported value where there is one, else a
 * total computed from its children where the counting rules allow it.
 *
 * <p>A cell is named by its logical key: a code for every series dimension and the period, with
 * {@code _T} for "all" even where a dimension does not apply to the measure; {@link #stored} turns
 * it into the key the observation is stored under ({@code _Z} there). A total is summed along a
 * dimension of the table's axes only, from the code list's children of its code, and only when
 * every child has a value in one unit and multiplier, free for publication (CONF_STATUS F), and the
 * measure adds along that dimension (not MEMBERS across COOP_LEVEL).
 */
final class CellTotals {

  private static final String FREE = "F";

  private final DataStructure structure;
  private final List<String> summable;
  private final Map<String, ObservationRow> observations;
  private final Map<String, Cell> known = new HashMap<>();

  /**
   * @param summable the dimensions a total may be summed along, in the order they are tried
   * @param observations the released observations, by {@link #storageKey}
   */
  CellTotals(
      DataStructure structure, List<String> summable, Map<String, ObservationRow> observations) {
    this.structure = structure;
    this.summable = summable;
    this.observations = observations;
  }

  /** The key an observation is looked up by: its series key and period. */
  static String storageKey(List<String> seriesKey, String period) {
    return String.join("\u001f", seriesKey) + "\u001f" + period;
  }

  /** The cell of a logical key (every series dimension and TIME_PERIOD). */
  Cell cell(Map<String, String> logical) {
    String memo = logical.toString();
    Cell cell = known.get(memo);
    if (cell == null) {
      cell = evaluate(logical);
      known.put(memo, cell);
    }
    return cell;
  }

  private Cell evaluate(Map<String, String> logical) {
    List<String> stored = stored(logical);
    if (stored == null) {
      return Cell.notApplicable();
    }
    ObservationRow row =
        observations.get(storageKey(stored, logical.get(TableDefinition.TIME_PERIOD)));
    if (row != null) {
      return reported(row);
    }
    Cell first = null;
    for (String dimension : summable) {
      Cell total = total(logical, stored, dimension);
      if (total != null && total.hasValue()) {
        return total;
      }
      if (total != null && (first == null || Cell.EMPTY.equals(first.origin()))) {
        first = total; // the first that says why there is no total: incomplete or refused
      }
    }
    return first == null ? Cell.empty() : first;
  }

  /**
   * The stored key of a logical one: a dimension that does not apply to the measure is {@code _Z}
   * (its "all", {@code _T}, included); null when the key names a code of such a dimension.
   */
  List<String> stored(Map<String, String> logical) {
    MeasureDef measure = structure.measures().get(logical.get(DataStructure.MEASURE));
    List<String> key = new ArrayList<>();
    for (DimensionDef dimension : structure.seriesDimensions()) {
      String code = logical.get(dimension.id());
      if (measure != null && !structure.applies(dimension, measure, logical::get)) {
        if (!DataStructure.TOTAL.equals(code) && !DataStructure.NOT_APPLICABLE.equals(code)) {
          return null;
        }
        code = DataStructure.NOT_APPLICABLE;
      }
      key.add(code);
    }
    return key;
  }

  private static Cell reported(ObservationRow row) {
    return new Cell(
        Cell.REPORTED,
        row.value(),
        row.attribute("OBS_STATUS"),
        row.attribute("CONF_STATUS"),
        row.attribute("UNIT_MEASURE"),
        row.attribute("UNIT_MULT"),
        row.datasetId(),
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The total of a cell along one dimension, or null where its code there has no children (or the
   * dimension does not apply to the measure: it is stored as {@code _Z}).
   */
  private Cell total(Map<String, String> logical, List<String> stored, String dimension) {
    int position = position(dimension);
    if (DataStructure.NOT_APPLICABLE.equals(stored.get(position))) {
      return null;
    }
    List<String> children = children(dimension, logical.get(dimension));
    if (children.isEmpty()) {
      return null;
    }
    Map<String, Cell> parts = new LinkedHashMap<>();
    for (String child : children) {
      Map<String, String> key = new LinkedHashMap<>(logical);
      key.put(dimension, child);
      parts.put(child, cell(key));
    }
    if (parts.values().stream().noneMatch(Cell::hasValue)) {
      return Cell.empty(); // nothing to add up: not a total short of some of its parts
    }
    MeasureDef measure = structure.measures().get(logical.get(DataStructure.MEASURE));
    if (measure != null && measure.nonAdditiveDimensions().contains(dimension)) {
      return Cell.refused(
          measure.id()
              + " does not add across "
              + dimension
              + ": only a total the provider reported is shown"
              + (dimension.equals("COOP_LEVEL")
                  ? " (the members of secondary and tertiary cooperatives are cooperatives)."
                  : "."));
    }
    return sum(dimension, parts);
  }

  private int position(String dimension) {
    List<DimensionDef> dimensions = structure.seriesDimensions();
    for (int i = 0; i < dimensions.size(); i++) {
      if (dimensions.get(i).id().equals(dimension)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No dimension " + dimension + " in " + structure.id());
  }

  /** The codes whose parent is {@code code} in the dimension's code list, in list order. */
  private List<String> children(String dimension, String code) {
    DimensionDef def = structure.dimension(dimension).orElseThrow();
    CodeList list = structure.codeList(def.codeListId());
    List<String> children = new ArrayList<>();
    for (Code candidate : list.codes()) {
      if (code.equals(candidate.parentId())) {
        children.add(candidate.id());
      }
    }
    return children;
  }

  /** The sum of the children's cells, when the counting rules allow it. */
  private static Cell sum(String dimension, Map<String, Cell> parts) {
    List<String> missing = new ArrayList<>();
    parts.forEach(
        (code, cell) -> {
          if (!cell.hasValue()) {
            missing.add(code);
          }
        });
    if (!missing.isEmpty()) {
      return Cell.incomplete(dimension, missing);
    }
    Cell first = parts.values().iterator().next();
    for (Map.Entry<String, Cell> part : parts.entrySet()) {
      Cell cell = part.getValue();
      if (!Objects.equals(cell.unitMeasure(), first.unitMeasure())
          || !Objects.equals(cell.unitMult(), first.unitMult())) {
        return Cell.refused(
            "The parts along "
                + dimension
                + " are in different units ("
                + unit(first)
                + ", "
                + unit(cell)
                + " for "
                + part.getKey()
                + "): they are not added.");
      }
      if (!FREE.equals(cell.confStatus())) {
        return Cell.refused(
            part.getKey()
                + " is not free for publication (CONF_STATUS "
                + cell.confStatus()
                + "): a total from it would disclose it.");
      }
    }
    return computed(dimension, parts, first);
  }

  private static Cell computed(String dimension, Map<String, Cell> parts, Cell first) {
    BigDecimal total = BigDecimal.ZERO;
    for (Cell cell : parts.values()) {
      total = total.add(cell.value());
    }
    return new Cell(
        Cell.COMPUTED,
        total,
        status(parts.values()),
        FREE,
        first.unitMeasure(),
        first.unitMult(),
        null,
        dimension,
        List.copyOf(parts.keySet()),
        null,
        null,
        null);
  }

  /**
   * The status of a sum: estimated if a part is estimated or imputed, else provisional if a part
   * is, else the parts' common status, else normal.
   */
  private static String status(Iterable<Cell> parts) {
    boolean provisional = false;
    String common = null;
    boolean mixed = false;
    for (Cell cell : parts) {
      String status = cell.obsStatus();
      if ("E".equals(status) || "I".equals(status)) {
        return "E";
      }
      provisional |= "P".equals(status);
      if (common == null) {
        common = status;
      } else if (!common.equals(status)) {
        mixed = true;
      }
    }
    if (provisional) {
      return "P";
    }
    return mixed || common == null ? "A" : common;
  }

  private static String unit(Cell cell) {
    return cell.unitMeasure() + " × 10^" + cell.unitMult();
  }
}
