package org.coopstats.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds protection problems the way the tabulation would: leaf cells from their units' values,
 * totals from their parts' units, and the relations between them.
 */
final class Problems {

  private final CellKind kind;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final List<double[]> units = new ArrayList<>();
  private final List<Cell> cells = new ArrayList<>();
  private final List<Relation> relations = new ArrayList<>();

  Problems(CellKind kind) {
    this.kind = kind;
  }

  /** A cell of the given units' contributions (zeros are no contributors). */
  Problems leaf(String id, double... values) {
    add(cell(id, kind, values, null, false), values);
    return this;
  }

  /** A cell added as is. */
  Problems cell(Cell cell) {
    add(cell, new double[0]);
    return this;
  }

  /** The total of the parts (its units all theirs) and the relation between them. */
  Problems total(String id, String... parts) {
    if (!index.containsKey(id)) {
      double[] all = Arrays.stream(parts).flatMapToDouble(p -> Arrays.stream(unitsOf(p))).toArray();
      add(cell(id, kind, all, null, false), all);
    }
    relations.add(new Relation(index.get(id), Arrays.stream(parts).mapToInt(index::get).toArray()));
    return this;
  }

  /**
   * A rows x columns table with its margins: cells prefix:r.c, row totals rowPrefix:r, column
   * totals prefix:C.c and the grand total grand; units[r][c] are the units of each inner cell.
   */
  Problems grid(String prefix, String rowPrefix, String grand, double[][][] values) {
    int columns = values[0].length;
    for (int r = 0; r < values.length; r++) {
      for (int c = 0; c < columns; c++) {
        leaf(prefix + ":" + r + "." + c, values[r][c]);
      }
    }
    String[] rowTotals = new String[values.length];
    for (int r = 0; r < values.length; r++) {
      rowTotals[r] = rowPrefix + ":" + r;
      total(rowTotals[r], row(prefix, r, columns));
    }
    String[] columnTotals = new String[columns];
    for (int c = 0; c < columns; c++) {
      columnTotals[c] = prefix + ":C." + c;
      total(columnTotals[c], column(prefix, c, values.length));
    }
    total(grand, rowTotals);
    total(grand, columnTotals);
    return this;
  }

  int indexOf(String id) {
    return index.get(id);
  }

  List<Cell> cells() {
    return cells;
  }

  ProtectionProblem problem(DisclosureSettings settings) {
    return new ProtectionProblem(List.copyOf(cells), List.copyOf(relations), settings);
  }

  ProtectionProblem problem() {
    return problem(DisclosureSettings.DEFAULTS);
  }

  /** Replaces a cell (to mark it kept suppressed, or give it a change). */
  Problems replace(String id, java.util.function.UnaryOperator<Cell> change) {
    cells.set(index.get(id), change.apply(cells.get(index.get(id))));
    return this;
  }

  static Cell cell(String id, CellKind kind, double[] values, Contributions change, boolean keep) {
    double sum = Arrays.stream(values).sum();
    return new Cell(id, kind, sum, true, contributions(values), change, keep);
  }

  static Contributions contributions(double... values) {
    double[] largest =
        Arrays.stream(values)
            .map(Math::abs)
            .filter(v -> v != 0)
            .boxed()
            .sorted((a, b) -> Double.compare(b, a))
            .mapToDouble(Double::doubleValue)
            .toArray();
    return new Contributions(largest.length, largest, Arrays.stream(largest).sum());
  }

  private double[] unitsOf(String id) {
    return units.get(index.get(id));
  }

  private void add(Cell cell, double[] values) {
    if (index.containsKey(cell.id())) {
      throw new IllegalArgumentException("two cells " + cell.id());
    }
    index.put(cell.id(), cells.size());
    cells.add(cell);
    units.add(values);
  }

  private static String[] row(String prefix, int r, int columns) {
    String[] ids = new String[columns];
    for (int c = 0; c < columns; c++) {
      ids[c] = prefix + ":" + r + "." + c;
    }
    return ids;
  }

  private static String[] column(String prefix, int c, int rows) {
    String[] ids = new String[rows];
    for (int r = 0; r < rows; r++) {
      ids[r] = prefix + ":" + r + "." + c;
    }
    return ids;
  }
}
