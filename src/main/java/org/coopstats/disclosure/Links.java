package org.coopstats.disclosure;

import java.util.List;

/**
 * The relations as a graph: for each cell, the relations it is in, and which cells are totals.
 * Checked once, so that a relation that does not add up is the caller's error, not an LP
 * infeasibility later.
 */
final class Links {

  private static final double TOLERANCE = 1e-6;

  final List<Cell> cells;
  final List<Relation> relations;
  final int[][] relationsOf;
  final boolean[] isTotal;

  Links(ProtectionProblem problem) {
    this.cells = problem.cells();
    this.relations = problem.relations();
    int[] counts = new int[cells.size()];
    isTotal = new boolean[cells.size()];
    for (Relation relation : relations) {
      check(relation);
      counts[relation.total()]++;
      isTotal[relation.total()] = true;
      for (int part : relation.parts()) {
        counts[part]++;
      }
    }
    relationsOf = new int[cells.size()][];
    for (int c = 0; c < counts.length; c++) {
      relationsOf[c] = new int[counts[c]];
      counts[c] = 0;
    }
    for (int r = 0; r < relations.size(); r++) {
      Relation relation = relations.get(r);
      relationsOf[relation.total()][counts[relation.total()]++] = r;
      for (int part : relation.parts()) {
        relationsOf[part][counts[part]++] = r;
      }
    }
  }

  int size() {
    return cells.size();
  }

  /** The cells of a relation, the total first. */
  int[] members(int relation) {
    Relation r = relations.get(relation);
    int[] members = new int[r.parts().length + 1];
    members[0] = r.total();
    System.arraycopy(r.parts(), 0, members, 1, r.parts().length);
    return members;
  }

  private void check(Relation relation) {
    if (relation.total() < 0 || relation.total() >= cells.size()) {
      throw new IllegalArgumentException("A relation's total " + relation.total() + " is no cell");
    }
    double sum = 0;
    double scale = Math.abs(cells.get(relation.total()).value());
    boolean hidden = cells.get(relation.total()).isHidden();
    for (int part : relation.parts()) {
      if (part < 0 || part >= cells.size()) {
        throw new IllegalArgumentException("A part " + part + " of a relation is no cell");
      }
      hidden |= cells.get(part).isHidden();
      sum += cells.get(part).value();
      scale += Math.abs(cells.get(part).value());
    }
    double total = cells.get(relation.total()).value();
    if (!hidden && Math.abs(total - sum) > TOLERANCE * Math.max(1, scale)) {
      throw new IllegalArgumentException(
          "Cell "
              + cells.get(relation.total()).id()
              + " is not the sum of its parts in a relation: fix the tabulation's relations");
    }
  }
}
