package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.OffsetDateTime;
import org.coopstats.catalog.DataStructure;
import org.coopstats.dataset.DataChangeRecorded;
import org.coopstats.observation.Landmarks;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.Visibility;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The totals and landmarks of queries over released data, computed once per normalised filter and
 * release moment ({@link TotalsKey}) instead of a {@code count(*)} on every page. A new release
 * (here or on another instance, or a scheduled one reaching its second) gives a new release state
 * and so a new key, even one committed after a later-stamped release: an old total is never served
 * for data released after it, beyond the one second for which {@link DataValidators} reuses a
 * reading of a release recorded elsewhere.
 */
@ApplicationScoped
public class QueryTotals {

  private final ObservationQueryRepository repository;
  private final DataValidators validators;
  private final TotalsCache cache;
  private final int every;

  public QueryTotals(
      ObservationQueryRepository repository,
      DataValidators validators,
      @ConfigProperty(name = "coopstats.query.totals.max-entries", defaultValue = "1000")
          int maxEntries,
      @ConfigProperty(name = "coopstats.query.totals.max-landmarks", defaultValue = "100000")
          long maxLandmarks,
      @ConfigProperty(name = "coopstats.query.totals.landmark-every", defaultValue = "1000")
          int every) {
    this.repository = repository;
    this.validators = validators;
    this.cache = new TotalsCache(maxEntries, maxLandmarks);
    this.every = every;
  }

  /** The spacing of the landmarks: pages from an offset below it are read with a plain OFFSET. */
  public int every() {
    return every;
  }

  /**
   * The total and landmarks of {@code query}, a released view. They are computed as of the release
   * moment itself, which shows the same rows as any moment up to the next release: so an entry
   * holds only what was released at its key's moment, even when it is computed while a later
   * release is being committed.
   */
  public Landmarks of(ObservationQuery query, DataStructure structure) {
    Visibility visibility = query.visibility();
    ReleaseState release = validators.state(visibility.at());
    TotalsKey key = TotalsKey.of(structure.id(), query, release);
    return cache.get(
        key,
        () ->
            repository
                .landmarks(atRelease(query, release.lastChange()), structure, every)
                .thinnedTo(perEntry()));
  }

  /** One entry may take an eighth of the bound: a huge answer does not empty the cache. */
  private int perEntry() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, cache.maxLandmarks() / 8));
  }

  private static ObservationQuery atRelease(ObservationQuery query, OffsetDateTime release) {
    Visibility visibility = query.visibility();
    return new ObservationQuery(
        query.codes(),
        query.startPeriod(),
        query.endPeriod(),
        query.providers(),
        query.datasets(),
        new Visibility(visibility.kind(), release, visibility.since()),
        query.page());
  }

  /**
   * A release recorded here drops every entry: two releases committed out of the order of their
   * moments would otherwise leave the later moment's entries without the earlier one's rows.
   */
  void onDataChange(
      @Observes(during = TransactionPhase.AFTER_COMPLETION) DataChangeRecorded change) {
    cache.clear();
  }
}
