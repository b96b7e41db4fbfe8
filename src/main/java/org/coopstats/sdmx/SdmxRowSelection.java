package org.coopstats.sdmx;

import java.util.function.Predicate;
import org.coopstats.observation.ObservationRow;

/**
 * What a data query keeps of the rows the database reads, beyond what the database could select:
 * the rows passing {@code keep} (several keys at once, {@code c[…]} filters on periods, values and
 * attributes), then a window of them ({@code offset}, {@code limit}), counted in observations, or
 * in series when the message carries series keys only.
 *
 * @param limit the most observations (or series) kept, null for all
 */
record SdmxRowSelection(
    Predicate<ObservationRow> keep, long offset, Long limit, boolean countSeries) {

  /** Every row the database reads. */
  static final SdmxRowSelection ALL = new SdmxRowSelection(row -> true, 0, null, false);

  boolean keepsAll() {
    return this == ALL;
  }
}
