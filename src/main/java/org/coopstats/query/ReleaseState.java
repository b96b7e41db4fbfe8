package org.coopstats.query;

import java.time.OffsetDateTime;
import java.util.Comparator;

/**
 * The state of the released data at a moment: the last release up to it and how many releases
 * (data_change rows) are effective by then. The moment alone is not enough: a publish stamps its
 * release when it starts and commits later, so another, later-stamped release may commit in between
 * and the slow one's commit then leaves the latest moment as it was. Each commit of an effective
 * change, and each scheduled release reaching its moment, adds one to the count, so the state
 * changes whenever the released data does; data_change rows are only ever deleted with a dataset
 * that was never released (DatasetService.delete refuses a released one), so no state comes back
 * with other data.
 *
 * @param lastChange the last release up to the moment (Last-Modified)
 * @param changes how many releases are effective by the moment
 */
public record ReleaseState(OffsetDateTime lastChange, long changes)
    implements Comparable<ReleaseState> {

  /** Later states have more effective changes; the moment breaks ties (it never goes back). */
  private static final Comparator<ReleaseState> ORDER =
      Comparator.comparingLong(ReleaseState::changes)
          .thenComparing(ReleaseState::lastChange, OffsetDateTime::compareTo);

  @Override
  public int compareTo(ReleaseState other) {
    return ORDER.compare(this, other);
  }

  /** The same released data: the same count and the same instant (whatever the offset). */
  public boolean sameAs(ReleaseState other) {
    return other != null && changes == other.changes && lastChange.isEqual(other.lastChange);
  }
}
