package org.coopstats.query.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coopstats.dataset.DataChangeRecorded;
import org.coopstats.query.DataValidators;
import org.coopstats.query.ReleaseState;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rendered answers of released data (observation queries in every format, SDMX data and
 * availability), kept in memory per request and release moment: released data changes only at a
 * release, so until the next one a second identical request gets the same bytes without a query.
 * {@link ResponseCacheFilters} decides what may be kept and answers hits; {@link
 * ResponseCacheWriter} copies what a miss writes.
 */
@ApplicationScoped
public class ResponseCache {

  /**
   * A 200 as it was written: its body, its media type and every header that came with it (the
   * validators too, kept apart for the 304 of a hit).
   */
  record Answer(
      byte[] body,
      MediaType type,
      List<Map.Entry<String, List<Object>>> headers,
      EntityTag etag,
      Date lastModified,
      Object cacheControl) {}

  private final ResponseStore<ReleaseState, Answer> store;
  private final long maxEntryBytes;
  private final DataValidators validators;
  private final Clock clock;
  private final Counter hits;
  private final Counter misses;

  public ResponseCache(
      DataValidators validators,
      Clock clock,
      MeterRegistry registry,
      @ConfigProperty(name = "coopstats.response-cache.max-bytes", defaultValue = "67108864")
          long maxBytes,
      @ConfigProperty(name = "coopstats.response-cache.max-entry-bytes", defaultValue = "1048576")
          long maxEntryBytes) {
    this.validators = validators;
    this.clock = clock;
    this.store = new ResponseStore<>(maxBytes);
    this.maxEntryBytes = Math.min(maxEntryBytes, maxBytes);
    this.hits = registry.counter("coopstats.response.cache.requests", "result", "hit");
    this.misses = registry.counter("coopstats.response.cache.requests", "result", "miss");
    Gauge.builder("coopstats.response.cache.bytes", store, ResponseStore::bytes).register(registry);
    Gauge.builder("coopstats.response.cache.entries", store, ResponseStore::size)
        .register(registry);
    Gauge.builder("coopstats.response.cache.evictions", store, ResponseStore::evictions)
        .register(registry);
  }

  /** False when switched off (max-bytes 0): then nothing is looked up, kept or read. */
  boolean enabled() {
    return maxEntryBytes > 0;
  }

  /** The largest body kept; a larger answer streams through and is not kept. */
  long maxEntryBytes() {
    return maxEntryBytes;
  }

  /** The release state a request's answer belongs to: that of the released data now. */
  ReleaseState releaseMoment() {
    return validators.state(OffsetDateTime.now(clock));
  }

  Optional<Answer> find(String key, ReleaseState moment) {
    Optional<Answer> answer = store.get(key, moment);
    (answer.isPresent() ? hits : misses).increment();
    return answer;
  }

  void keep(String key, ReleaseState moment, Answer answer) {
    store.put(key, moment, answer, answer.body().length);
  }

  /**
   * A release recorded here: what is kept is of an older moment, unreachable from now on, so its
   * memory is given back at once (a release recorded by another instance shows in the next lookup's
   * moment, which drops the older entries).
   */
  void onDataChange(
      @Observes(during = TransactionPhase.AFTER_COMPLETION) DataChangeRecorded change) {
    store.clear();
  }
}
