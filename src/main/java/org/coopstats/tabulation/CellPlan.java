package org.coopstats.tabulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cells of the tables derived from one register and the additive relations between them. Each
 * table is the full cube of its axes (every total with every breakdown), so its relations are
 * exact; tables that share a cell (the national count in the tables by type, by level and by area)
 * share it, which links their relations as the published tables link them.
 */
final class CellPlan {

  /** One cell: its series key, the table that first made it, and whether it is never published. */
  record CellDef(String key, TableShape table, boolean hidden) {}

  private final List<TableShape> tables;
  private final SeriesKeys keys;
  private final List<CellDef> cells = new ArrayList<>();
  private final Map<String, Integer> byKey = new HashMap<>();
  private final Set<List<Integer>> relations = new LinkedHashSet<>();

  /** For each table, the cell of every combination of its axes' nodes (mixed radix). */
  private final List<int[]> cellOfCombination = new ArrayList<>();

  /** For each table and axis, each node's path to its root, by leaf id. */
  private final List<List<Map<String, int[]>>> paths = new ArrayList<>();

  CellPlan(List<TableShape> tables, SeriesKeys keys) {
    this.tables = List.copyOf(tables);
    this.keys = keys;
    for (TableShape table : tables) {
      enumerate(table);
    }
  }

  List<CellDef> cells() {
    return cells;
  }

  List<TableShape> tables() {
    return tables;
  }

  /** Each relation as the total's cell followed by its parts' cells. */
  List<int[]> relations() {
    return relations.stream().map(r -> r.stream().mapToInt(Integer::intValue).toArray()).toList();
  }

  Integer cell(String key) {
    return byKey.get(key);
  }

  private void enumerate(TableShape table) {
    List<Axis> axes = table.axes();
    int combinations = 1;
    for (Axis axis : axes) {
      combinations *= axis.size();
    }
    int[] cellOf = new int[combinations];
    int[] digits = new int[axes.size()];
    for (int flat = 0; flat < combinations; flat++) {
      decode(flat, axes, digits);
      cellOf[flat] = register(table, digits);
    }
    cellOfCombination.add(cellOf);
    List<Map<String, int[]>> tablePaths = new ArrayList<>();
    for (Axis axis : axes) {
      Map<String, int[]> byLeaf = new HashMap<>();
      for (Axis.Node node : axis.nodes()) {
        byLeaf.put(node.id(), axis.pathToRoot(node.id()));
      }
      tablePaths.add(byLeaf);
    }
    paths.add(tablePaths);
    for (int flat = 0; flat < combinations; flat++) {
      decode(flat, axes, digits);
      relate(axes, digits, cellOf);
    }
  }

  private int register(TableShape table, int[] digits) {
    Map<String, String> codes = new LinkedHashMap<>(table.fixed());
    codes.put("MEASURE", table.measure());
    boolean hidden = false;
    for (int a = 0; a < digits.length; a++) {
      Axis.Node node = table.axes().get(a).nodes().get(digits[a]);
      codes.putAll(node.codes());
      hidden |= node.hidden();
    }
    String key = keys.key(codes);
    Integer known = byKey.get(key);
    if (known != null) {
      return known;
    }
    cells.add(new CellDef(key, table, hidden));
    byKey.put(key, cells.size() - 1);
    return cells.size() - 1;
  }

  /** The relations of one cell: along every axis where its node has children. */
  private void relate(List<Axis> axes, int[] digits, int[] cellOf) {
    for (int a = 0; a < axes.size(); a++) {
      Axis axis = axes.get(a);
      List<String> children = axis.children(axis.nodes().get(digits[a]).id());
      if (children.isEmpty()) {
        continue;
      }
      List<Integer> relation = new ArrayList<>();
      relation.add(cellOf[encode(digits, axes)]);
      int own = digits[a];
      List<Integer> parts = new ArrayList<>();
      for (String child : children) {
        digits[a] = axis.indexOf(child);
        parts.add(cellOf[encode(digits, axes)]);
      }
      digits[a] = own;
      parts.sort(null);
      relation.addAll(parts);
      relations.add(List.copyOf(relation));
    }
  }

  /**
   * What one unit gives to every cell it is in. Within a table its contributions to one cell add up
   * (a unit's women and men both count in its total); across tables a shared cell takes the unit's
   * value once.
   */
  Map<Integer, BigDecimal> contributions(UnitRecord unit) {
    Map<Integer, BigDecimal> unitCells = new HashMap<>();
    Map<Integer, BigDecimal> tableCells = new HashMap<>();
    for (int t = 0; t < tables.size(); t++) {
      TableShape table = tables.get(t);
      if (!table.counts().test(unit)) {
        continue;
      }
      tableCells.clear();
      for (TableShape.Contribution contribution : table.contributions().apply(unit)) {
        addEverywhere(t, contribution, tableCells);
      }
      tableCells.forEach(unitCells::putIfAbsent);
    }
    return unitCells;
  }

  private void addEverywhere(
      int t, TableShape.Contribution contribution, Map<Integer, BigDecimal> tableCells) {
    List<Axis> axes = tables.get(t).axes();
    int[][] unitPaths = new int[axes.size()][];
    for (int a = 0; a < axes.size(); a++) {
      unitPaths[a] = paths.get(t).get(a).get(contribution.leaves().get(a));
      if (unitPaths[a] == null) {
        throw new IllegalStateException(
            "No node " + contribution.leaves().get(a) + " in table " + tables.get(t).measure());
      }
    }
    int[] cellOf = cellOfCombination.get(t);
    int[] digits = new int[axes.size()];
    int[] choice = new int[axes.size()];
    while (true) {
      for (int a = 0; a < axes.size(); a++) {
        digits[a] = unitPaths[a][choice[a]];
      }
      tableCells.merge(cellOf[encode(digits, axes)], contribution.value(), BigDecimal::add);
      int a = 0;
      while (a < axes.size() && ++choice[a] == unitPaths[a].length) {
        choice[a] = 0;
        a++;
      }
      if (a == axes.size()) {
        return;
      }
    }
  }

  private static void decode(int flat, List<Axis> axes, int[] digits) {
    for (int a = axes.size() - 1; a >= 0; a--) {
      digits[a] = flat % axes.get(a).size();
      flat /= axes.get(a).size();
    }
  }

  private static int encode(int[] digits, List<Axis> axes) {
    int flat = 0;
    for (int a = 0; a < axes.size(); a++) {
      flat = flat * axes.get(a).size() + digits[a];
    }
    return flat;
  }
}
