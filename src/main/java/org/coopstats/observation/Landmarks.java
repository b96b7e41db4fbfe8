package org.coopstats.observation;

import java.util.ArrayList;
import java.util.List;

/**
 * How many rows a query has, and the sort key of every {@code every}-th of them in the query's
 * order: a page deep in the answer starts by seeking past the landmark just before it (a keyset
 * condition the index can use) instead of reading and dropping every row before it (OFFSET).
 *
 * @param total how many rows the query has
 * @param every the spacing of the landmarks, in rows
 * @param keys the sort keys ({@link ObservationSql#orderedColumns()}) of rows number {@code every},
 *     {@code 2 * every}, … (counted from 1), in order
 */
public record Landmarks(long total, int every, List<List<Object>> keys) {

  public Landmarks {
    if (every < 1) {
      throw new IllegalArgumentException("every must be positive: " + every);
    }
    keys = List.copyOf(keys);
  }

  /**
   * Where a page from {@code offset} starts: after the key of the last landmark at or before the
   * offset (null: from the first row), then skipping what remains, always fewer than {@code every}
   * rows unless the offset lies past the last landmark.
   *
   * @param after the sort key the page's rows come after, or null
   * @param offset the rows to skip after it
   */
  public record Seek(List<Object> after, int offset) {}

  public Seek seek(int offset) {
    int passed = Math.min(offset / every, keys.size());
    if (passed == 0) {
      return new Seek(null, offset);
    }
    return new Seek(keys.get(passed - 1), offset - passed * every);
  }

  /**
   * The same landmarks with at most {@code maxKeys} keys, the spacing doubled as often as needed:
   * what a bounded cache can hold of a very large answer (deep pages then skip up to the new
   * spacing).
   */
  public Landmarks thinnedTo(int maxKeys) {
    List<List<Object>> kept = keys;
    int spacing = every;
    while (kept.size() > maxKeys) {
      List<List<Object>> half = new ArrayList<>(kept.size() / 2);
      for (int i = 1; i < kept.size(); i += 2) {
        half.add(kept.get(i)); // row 2k * spacing is landmark 2k - 1 (from 0)
      }
      kept = half;
      spacing *= 2;
    }
    return kept == keys ? this : new Landmarks(total, spacing, kept);
  }
}
