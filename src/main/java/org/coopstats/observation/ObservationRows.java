package org.coopstats.observation;

import java.sql.SQLException;

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
}
