package org.coopstats.observation;

import java.sql.SQLException;
import java.util.List;

/**
 * Rows read one at a time, with a look at the next before it is taken: an {@link ObservationCursor}
 * on the database, or rows at hand (a writer's benchmark).
 */
public interface ObservationRows {

  /** The next row, not taken; null after the last. */
  ObservationRow peek();

  /** Takes the next row; null after the last. */
  ObservationRow next() throws SQLException;

  /** Starts again from the first row. */
  void rewind() throws SQLException;

  /** Rows at hand, as a cursor would give them. */
  static ObservationRows of(List<ObservationRow> rows) {
    return new ObservationRows() {
      private int next;

      @Override
      public ObservationRow peek() {
        return next < rows.size() ? rows.get(next) : null;
      }

      @Override
      public ObservationRow next() {
        return next < rows.size() ? rows.get(next++) : null;
      }

      @Override
      public void rewind() {
        next = 0;
      }
    };
  }
}
