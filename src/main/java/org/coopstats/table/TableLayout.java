package org.coopstats.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.observation.ObservationRow;
import org.coopstats.table.TableGrid.Cell;
import org.coopstats.table.TableGrid.Heading;
import org.coopstats.validation.TimePeriod;

/** Lays a table out: its headings from its axes, and a cell for every row and column. */
final class TableLayout {

  private final TableDefinition table;
  private final DataStructure structure;
  private final TableRequest request;
  private final Map<String, ObservationRow> observations;

  TableLayout(
      TableDefinition table,
      DataStructure structure,
      TableRequest request,
      Map<String, ObservationRow> observations) {
    this.table = table;
    this.structure = structure;
    this.request = request;
    this.observations = observations;
  }

  /** The headings along some axes: every combination of their codes, the outermost slowest. */
  List<List<Heading>> headings(List<TableDefinition.Axis> axes) {
    List<List<Heading>> combinations = new ArrayList<>();
    combinations.add(List.of());
    for (TableDefinition.Axis axis : axes) {
      List<List<Heading>> longer = new ArrayList<>();
      for (List<Heading> prefix : combinations) {
        for (Heading heading : codes(axis)) {
          List<Heading> combination = new ArrayList<>(prefix);
          combination.add(heading);
          longer.add(List.copyOf(combination));
        }
      }
      combinations = longer;
    }
    return combinations;
  }

  /** The rows, each with a cell per column. */
  List<TableGrid.Row> rows(List<List<Heading>> columns) {
    CellTotals totals = new CellTotals(structure, summable(), observations);
    Map<String, String> base = base();
    List<TableGrid.Row> rows = new ArrayList<>();
    for (List<Heading> row : headings(table.rows())) {
      List<Cell> cells = new ArrayList<>(columns.size());
      for (List<Heading> column : columns) {
        Map<String, String> key = new LinkedHashMap<>(base);
        row.forEach(h -> key.put(h.dimension(), h.id()));
        column.forEach(h -> key.put(h.dimension(), h.id()));
        cells.add(totals.cell(key));
      }
      rows.add(new TableGrid.Row(row, List.copyOf(cells)));
    }
    return rows;
  }

  /** The dimensions a total may be summed along: those on axes, rows first, periods never. */
  private List<String> summable() {
    return table.axes().stream()
        .map(TableDefinition.Axis::dimension)
        .filter(d -> !d.equals(DataStructure.MEASURE) && !d.equals(TableDefinition.TIME_PERIOD))
        .toList();
  }

  /** The logical key of every cell before its row and column codes are put in. */
  private Map<String, String> base() {
    Map<String, String> key = new LinkedHashMap<>();
    for (DimensionDef dimension : structure.seriesDimensions()) {
      key.put(dimension.id(), table.fixed().getOrDefault(dimension.id(), DataStructure.TOTAL));
    }
    key.put(DataStructure.REF_AREA, request.refArea());
    key.put(DataStructure.MEASURE, table.measures().get(0));
    if (request.timePeriod() != null) {
      key.put(TableDefinition.TIME_PERIOD, request.timePeriod().text());
    }
    return key;
  }

  private List<Heading> codes(TableDefinition.Axis axis) {
    String dimension = axis.dimension();
    if (dimension.equals(TableDefinition.TIME_PERIOD)) {
      return periods().stream().map(p -> new Heading(dimension, p, p)).toList();
    }
    CodeList list = codeList(dimension);
    List<String> codes;
    if (dimension.equals(DataStructure.MEASURE) && axis.codes() == null) {
      codes = table.measures();
    } else if (axis.children()) {
      codes = new ArrayList<>();
      codes.add(request.refArea());
      for (Code code : list.codes()) {
        if (request.refArea().equals(code.parentId())) {
          codes.add(code.id());
        }
      }
    } else if (axis.codes() != null) {
      codes = axis.codes();
    } else {
      codes =
          list.codes().stream()
              .map(Code::id)
              .filter(c -> !c.equals(DataStructure.NOT_APPLICABLE))
              .toList();
    }
    return codes.stream()
        .map(c -> new Heading(dimension, c, list.label(c, request.lang())))
        .toList();
  }

  /** The periods that have data (or the one asked for), oldest first, longer ones first. */
  private List<String> periods() {
    if (request.timePeriod() != null) {
      return List.of(request.timePeriod().text());
    }
    TreeSet<TimePeriod> periods =
        new TreeSet<>(
            Comparator.comparing(TimePeriod::start)
                .thenComparing(TimePeriod::end, Comparator.reverseOrder()));
    for (ObservationRow row : observations.values()) {
      TimePeriod.parse(row.timePeriod()).ifPresent(periods::add);
    }
    return periods.stream().map(TimePeriod::text).toList();
  }

  CodeList codeList(String dimension) {
    return structure.codeList(structure.dimension(dimension).orElseThrow().codeListId());
  }
}
