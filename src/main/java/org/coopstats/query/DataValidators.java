package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.coopstats.common.Validators;
import org.coopstats.dataset.DataChangeRecorded;
import org.coopstats.query.ObservationQueryRepository.ReleaseTimes;

/**
 * The validators (ETag, Last-Modified, Cache-Control) of the answers built from observations (the
 * JSON API and SDMX): when the data they show last changed.
 */
@ApplicationScoped
public class DataValidators {

  /**
   * How long a reading of the release times is reused. Releases recorded by this instance clear it
   * at once; one recorded by another instance shows in the validators within this time (the data
   * itself is always read fresh, so validators can only lag behind it, never run ahead).
   */
  static final Duration READING_LIFETIME = Duration.ofSeconds(1);

  /** The last change as of {@code from}, true for any moment up to {@code goodUntil}. */
  private record Reading(Instant from, Instant goodUntil, OffsetDateTime lastChange) {}

  private final ObservationQueryRepository repository;
  private volatile Reading reading;

  /** Counts the releases recorded here, so that a reading begun before one is not kept. */
  private final AtomicLong releasesRecorded = new AtomicLong();

  private final Clock clock;

  private final ReentrantLock refreshing = new ReentrantLock();

  public DataValidators(ObservationQueryRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  void onDataChange(
      @Observes(during = TransactionPhase.AFTER_COMPLETION) DataChangeRecorded change) {
    synchronized (this) {
      releasesRecorded.incrementAndGet();
      reading = null;
    }
  }

  /**
   * The last change of the released data up to {@code now}: one statement per second rather than
   * one per request, and never past the next scheduled release, which must show at its second. Also
   * the release moment that the response cache keys its answers by. One reading at a time: when a
   * reading runs out, the requests that find it so wait for one statement instead of each sending
   * its own (the cache calls this outside the query bulkhead).
   */
  public OffsetDateTime lastChange(OffsetDateTime now) {
    Instant at = now.toInstant();
    Reading known = reading;
    if (known != null && !at.isBefore(known.from()) && at.isBefore(known.goodUntil())) {
      return known.lastChange();
    }
    refreshing.lock();
    try {
      known = reading;
      if (known != null && !at.isBefore(known.from()) && at.isBefore(known.goodUntil())) {
        return known.lastChange();
      }
      return read(now, at);
    } finally {
      refreshing.unlock();
    }
  }

  private OffsetDateTime read(OffsetDateTime now, Instant at) {
    long releasesBefore = releasesRecorded.get();
    Instant readAt = clock.instant();
    ReleaseTimes times = repository.releaseTimes(now);
    if (!at.isBefore(readAt.minus(READING_LIFETIME)) && !at.isAfter(readAt)) {
      Instant goodUntil = at.plus(READING_LIFETIME);
      if (times.nextChange() != null && times.nextChange().toInstant().isBefore(goodUntil)) {
        goodUntil = times.nextChange().toInstant();
      }
      Reading fresh = new Reading(at, goodUntil, times.lastChange());
      synchronized (this) {
        if (releasesRecorded.get() == releasesBefore) {
          reading = fresh;
        }
      }
    }
    return times.lastChange();
  }

  /**
   * The validators of released data as seen at {@code now}: dated by the last release up to now, so
   * a release still under embargo changes nothing here.
   *
   * @param variant tells apart the representations of one URL (the format), as the ETag must
   * @param weak for a body that differs between two answers on the same data (a message id, a
   *     prepared time)
   */
  public Validators released(OffsetDateTime now, String variant, boolean weak) {
    return new Validators(lastChange(now), variant, weak, false);
  }

  /** The validators of what only a dataset's provider sees, dated by the dataset's last update. */
  public static Validators unreleased(OffsetDateTime updatedAt, String variant) {
    return new Validators(updatedAt, variant, false, true);
  }
}
