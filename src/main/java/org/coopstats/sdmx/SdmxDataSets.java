package org.coopstats.sdmx;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;

/**
 * The data sets of a data message, read as they come from one cursor: rows arrive grouped by data
 * set (a CoopStats dataset, or its deletions for updatedAfter) and within one in key then period
 * order ({@code ObservationSql.stream}), so each data set and each of its series is cut out on the
 * fly; only the series being read is held (and cut to the first or last N observations). A writer
 * takes {@link #nextDataSet} then its series by {@link #nextSeries} until null, and so on.
 */
final class SdmxDataSets {

  private final ObservationRows cursor;
  private final Integer firstN;
  private final Integer lastN;
  private SdmxDataWriter.DataSet current;

  SdmxDataSets(ObservationRows cursor, SdmxDataRequest request) {
    this.cursor = cursor;
    this.firstN = request.firstN();
    this.lastN = request.lastN();
  }

  /** Runs the query again from its start, for a second pass (SDMX-JSON). */
  void rewind() throws IOException {
    try {
      cursor.rewind();
    } catch (SQLException e) {
      throw failure(e);
    }
    current = null;
  }

  /**
   * The next data set (the rest of the current one skipped), or null after the last.
   *
   * @throws IOException if reading the rows fails
   */
  SdmxDataWriter.DataSet nextDataSet() throws IOException {
    try {
      while (current != null && cursor.peek() != null && sameSet(cursor.peek(), current)) {
        cursor.next();
      }
      if (cursor.peek() == null) {
        current = null;
        return null;
      }
      ObservationRow first = cursor.peek();
      current =
          new SdmxDataWriter.DataSet(first.datasetId(), first.providerId(), isDeletion(first));
      return current;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** The next series of the current data set (its observations kept), or null after its last. */
  List<ObservationRow> nextSeries() throws IOException {
    try {
      if (current == null || cursor.peek() == null || !sameSet(cursor.peek(), current)) {
        return null;
      }
      List<String> key = cursor.peek().key();
      int first = firstN == null ? Integer.MAX_VALUE : firstN;
      int last = lastN == null ? 0 : lastN;
      if (firstN == null && lastN != null) {
        first = 0;
      }
      List<ObservationRow> kept = new ArrayList<>();
      ArrayDeque<ObservationRow> tail = new ArrayDeque<>();
      int seen = 0;
      while (cursor.peek() != null
          && sameSet(cursor.peek(), current)
          && cursor.peek().key().equals(key)) {
        ObservationRow row = cursor.next();
        if (seen++ < first) {
          kept.add(row);
        } else if (last > 0) {
          if (tail.size() == last) {
            tail.removeFirst();
          }
          tail.addLast(row);
        }
      }
      kept.addAll(tail);
      return kept;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static boolean sameSet(ObservationRow row, SdmxDataWriter.DataSet set) {
    return row.datasetId() == set.datasetId() && isDeletion(row) == set.deletions();
  }

  private static boolean isDeletion(ObservationRow row) {
    return "D".equals(row.action());
  }

  private static IOException failure(SQLException e) {
    return new IOException("Reading the observations of the message failed", e);
  }
}
