package org.coopstats.sdmx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.DataStructure;
import org.coopstats.dataset.DataChangeRecorded;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationReader.DistinctCodes;
import org.coopstats.observation.Visibility;
import org.coopstats.query.DataValidators;
import org.coopstats.query.ObservationQueryRepository;
import org.coopstats.query.ReleaseState;
import org.coopstats.validation.TimePeriod;

/**
 * The codes that have released data, per series dimension, for an availability query: one grouped
 * statement (a grouping set per dimension), kept per query until the next release.
 *
 * <p>An entry is keyed by the release state of the data it was read from ({@link DataValidators},
 * which never runs past a scheduled release and is read at most once a second); the statement reads
 * the values released as of the same request's moment, so an entry holds only released data, and a
 * release (scheduled or not) dates the next readings anew, which empties the cache. Bounded: the
 * least recently used entries go past {@link #ENTRIES}.
 */
@ApplicationScoped
public class SdmxAvailability {

  /** The most queries whose availability is kept. */
  static final int ENTRIES = 256;

  /** What an availability query asks for, its moment aside. */
  private record Key(
      String structure,
      Map<String, Set<String>> codes,
      TimePeriod start,
      TimePeriod end,
      Set<String> providers) {}

  private final ObservationQueryRepository repository;
  private final DataValidators dataValidators;
  private ReleaseState release;

  /** Counts the changes recorded here, so that a reading begun before one is not kept. */
  private long changesRecorded;

  private final Map<Key, DistinctCodes> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, DistinctCodes> eldest) {
          return size() > ENTRIES;
        }
      };

  public SdmxAvailability(ObservationQueryRepository repository, DataValidators dataValidators) {
    this.repository = repository;
    this.dataValidators = dataValidators;
  }

  /**
   * A change recorded on this instance empties the cache at once: the release moment alone would
   * miss a publication dated the same microsecond as the last change (a frozen test clock does).
   */
  synchronized void onDataChange(
      @Observes(during = TransactionPhase.AFTER_COMPLETION) DataChangeRecorded change) {
    changesRecorded++;
    entries.clear();
  }

  /** The codes present and the range of the released values {@code query} asks for. */
  DistinctCodes distinctCodes(ObservationQuery query, DataStructure structure) {
    if (query.visibility().kind() != Visibility.Kind.AS_OF) {
      return repository.distinctCodes(query, structure);
    }
    ReleaseState lastChange = dataValidators.state(query.visibility().at());
    Key key =
        new Key(
            structure.id(),
            query.codes(),
            query.startPeriod(),
            query.endPeriod(),
            query.providers());
    long changesBefore;
    synchronized (this) {
      DistinctCodes known = cached(lastChange, key);
      if (known != null) {
        return known;
      }
      changesBefore = changesRecorded;
    }
    DistinctCodes read = repository.distinctCodes(query, structure);
    keep(lastChange, key, read, changesBefore);
    return read;
  }

  private synchronized DistinctCodes cached(ReleaseState lastChange, Key key) {
    return lastChange.sameAs(release) ? entries.get(key) : null;
  }

  private synchronized void keep(
      ReleaseState lastChange, Key key, DistinctCodes read, long changesBefore) {
    if (changesRecorded != changesBefore) {
      return; // read around a change: perhaps before it
    }
    if (release == null || lastChange.compareTo(release) > 0) {
      entries.clear();
      release = lastChange;
    }
    if (lastChange.sameAs(release)) {
      entries.put(key, read);
    }
  }
}
