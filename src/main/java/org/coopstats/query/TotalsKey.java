package org.coopstats.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.Visibility;

/**
 * What the total of a query over released data depends on, and nothing else: the filter in a normal
 * form (codes, providers and datasets sorted, periods as the dates the SQL compares, the lower
 * bound of a change query) and the release state ({@link ReleaseState}: the last release up to the
 * moment the query reads at, and how many releases are effective by then). Between two releases no
 * published value opens or closes (every {@code valid_from} and {@code valid_to} is a release
 * moment), so every query with the same key has the same rows; the page asked for, the format and
 * the language are not part of it.
 *
 * @param since the lower bound of {@link Visibility.Kind#CHANGES}, else null
 * @param release the last release up to the moment the query reads at
 * @param changes how many releases are effective by then
 */
record TotalsKey(
    String structure,
    Visibility.Kind kind,
    SortedMap<String, SortedSet<String>> codes,
    LocalDate startDate,
    LocalDate endDate,
    SortedSet<String> providers,
    SortedSet<Long> datasets,
    Instant since,
    Instant release,
    long changes) {

  /**
   * @param release the release state as of {@code query.visibility().at()}
   */
  static TotalsKey of(String structure, ObservationQuery query, ReleaseState release) {
    Visibility visibility = query.visibility();
    if (visibility.isUnreleased()) {
      throw new IllegalArgumentException("Unreleased views have no shared total");
    }
    SortedMap<String, SortedSet<String>> codes = new TreeMap<>();
    for (Map.Entry<String, Set<String>> wanted : query.codes().entrySet()) {
      if (!wanted.getValue().isEmpty()) {
        codes.put(wanted.getKey(), new TreeSet<>(wanted.getValue()));
      }
    }
    return new TotalsKey(
        structure,
        visibility.kind(),
        codes,
        query.startPeriod() == null ? null : query.startPeriod().start(),
        query.endPeriod() == null ? null : query.endPeriod().end(),
        new TreeSet<>(query.providers()),
        new TreeSet<>(query.datasets()),
        visibility.kind() == Visibility.Kind.CHANGES ? visibility.since().toInstant() : null,
        release.lastChange().toInstant(),
        release.changes());
  }
}
