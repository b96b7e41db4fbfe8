package org.coopstats.tabulation;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coopstats.disclosure.Cell;
import org.coopstats.disclosure.ProtectionProblem;
import org.coopstats.disclosure.Relation;
import org.coopstats.upload.UploadProgress;

/**
 * Reads a register's units for one period once, streaming, into the tallies of the plan's cells,
 * side by side with the units the published tabulation read (when there is one), so that each cell
 * knows what its units changed since then. Memory grows with the cells, not the units.
 */
final class TabulationRun {

  /** The tallies of one pass over the units. */
  record Tallies(CellTally units, CellTally changes, long unitCount) {}

  private static final int PROGRESS_EVERY = 5_000;

  private final CellPlan plan;
  private final UploadProgress progress;
  private final int keepLargest;

  TabulationRun(CellPlan plan, UploadProgress progress, int keepLargest) {
    this.plan = plan;
    this.progress = progress;
    this.keepLargest = keepLargest;
  }

  Tallies tally(TabulationSql sql, long registerId, String period, long baselineId)
      throws SQLException {
    int cells = plan.cells().size();
    CellTally units = new CellTally(cells, keepLargest);
    CellTally changes = new CellTally(cells, keepLargest);
    long count = 0;
    try (PreparedStatement select = sql.unitsAgainstBaseline(registerId, period, baselineId);
        ResultSet rs = select.executeQuery()) {
      int width = UnitRecord.COLUMNS.size();
      while (rs.next()) {
        UnitRecord now = UnitRecord.read(rs, 1);
        UnitRecord before = UnitRecord.read(rs, 1 + width);
        Map<Integer, BigDecimal> current = now == null ? Map.of() : plan.contributions(now);
        current.forEach(units::add);
        if (baselineId >= 0) {
          addChanges(current, before == null ? Map.of() : plan.contributions(before), changes);
        }
        if (now != null && ++count % PROGRESS_EVERY == 0) {
          progress.phase("tabulating units: " + count + " read");
          progress.stopIfCancelled();
        }
      }
    }
    return new Tallies(units, changes, count);
  }

  /** What one unit changed in each cell: its contribution now less its contribution then. */
  private static void addChanges(
      Map<Integer, BigDecimal> now, Map<Integer, BigDecimal> before, CellTally changes) {
    Set<Integer> cells = new HashSet<>(now.keySet());
    cells.addAll(before.keySet());
    for (int cell : cells) {
      BigDecimal change =
          now.getOrDefault(cell, BigDecimal.ZERO)
              .subtract(before.getOrDefault(cell, BigDecimal.ZERO));
      if (change.signum() != 0) {
        changes.add(cell, change);
      }
    }
  }

  /**
   * The protection problem of the tallied cells: a cell published in the baseline carries what its
   * units changed since (a published total must not move by one unit's figure), one suppressed
   * there stays suppressed.
   */
  ProtectionProblem problem(
      Tallies tallies,
      Optional<TabulationSql.Baseline> baseline,
      org.coopstats.disclosure.DisclosureSettings settings) {
    List<Cell> cells = new ArrayList<>(plan.cells().size());
    Map<String, String> published = baseline.map(b -> b.confStatusByKey()).orElse(Map.of());
    for (int i = 0; i < plan.cells().size(); i++) {
      CellPlan.CellDef def = plan.cells().get(i);
      if (def.hidden()) {
        cells.add(Cell.hidden(def.key(), def.table().nonNegative()));
        continue;
      }
      String before = published.get(def.key());
      boolean wasFree = "F".equals(before);
      cells.add(
          new Cell(
              def.key(),
              def.table().kind(),
              tallies.units().sum(i).doubleValue(),
              def.table().nonNegative(),
              tallies.units().contributions(i),
              wasFree ? tallies.changes().contributions(i) : null,
              before != null && !wasFree));
    }
    List<Relation> relations = new ArrayList<>();
    for (int[] r : plan.relations()) {
      relations.add(new Relation(r[0], java.util.Arrays.copyOfRange(r, 1, r.length)));
    }
    return new ProtectionProblem(cells, relations, settings);
  }

  /** The keys the baseline published that this tabulation no longer makes: to delete. */
  static List<String> gone(CellPlan plan, Optional<TabulationSql.Baseline> baseline) {
    if (baseline.isEmpty()) {
      return List.of();
    }
    Map<String, String> before = new LinkedHashMap<>(baseline.get().confStatusByKey());
    before.keySet().removeIf(key -> plan.cell(key) != null);
    return List.copyOf(before.keySet());
  }
}
