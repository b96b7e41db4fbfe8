package org.coopstats.sdmx;

import java.sql.SQLException;
import java.util.List;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;

/**
 * The rows of a cursor that a {@link SdmxRowSelection} keeps, read as they come: the next kept row
 * is always looked up before it is asked for, so that {@link #peek()} (which cannot fail) knows it,
 * and a message whose selection keeps nothing is known empty before its first byte.
 */
final class SelectedRows implements ObservationRows {

  /** What counts as one for offset and limit: an observation, or a series of a data set. */
  private record Unit(long datasetId, String action, List<String> key) {}

  private final ObservationRows rows;
  private final SdmxRowSelection selection;
  private long skipped;
  private long taken;
  private Unit current;
  private boolean skipping;
  private boolean ended;

  private SelectedRows(ObservationRows rows, SdmxRowSelection selection) {
    this.rows = rows;
    this.selection = selection;
  }

  /** {@code rows} as {@code selection} keeps them (themselves when it keeps all). */
  static ObservationRows of(ObservationRows rows, SdmxRowSelection selection) throws SQLException {
    if (selection.keepsAll()) {
      return rows;
    }
    SelectedRows selected = new SelectedRows(rows, selection);
    selected.advance();
    return selected;
  }

  @Override
  public ObservationRow peek() {
    return ended ? null : rows.peek();
  }

  @Override
  public ObservationRow next() throws SQLException {
    if (peek() == null) {
      return null;
    }
    ObservationRow row = rows.next();
    advance();
    return row;
  }

  @Override
  public void rewind() throws SQLException {
    rows.rewind();
    skipped = 0;
    taken = 0;
    current = null;
    skipping = false;
    ended = false;
    advance();
  }

  /** Moves past the rows not kept, so that the underlying cursor's next row is the next kept. */
  private void advance() throws SQLException {
    while (!ended) {
      ObservationRow row = rows.peek();
      if (row == null) {
        return;
      }
      if (!selection.keep().test(row)) {
        rows.next();
        continue;
      }
      Unit unit = new Unit(row.datasetId(), row.action(), row.key());
      // every observation counts by itself unless series are counted
      if (selection.countSeries() && unit.equals(current)) {
        if (!skipping) {
          return;
        }
        rows.next();
        continue;
      }
      current = unit;
      if (skipped < selection.offset()) {
        skipped++;
        skipping = true;
        rows.next();
        continue;
      }
      skipping = false;
      if (selection.limit() != null && taken >= selection.limit()) {
        ended = true;
        return;
      }
      taken++;
      return;
    }
  }
}
