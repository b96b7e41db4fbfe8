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

/**
 * The validators (ETag, Last-Modified, Cache-Control) of the answers built from observations (the
 * JSON API and SDMX): the state of the data they show ({@link ReleaseState}).
 */
@ApplicationScoped
public class DataValidators {

  /**
   * How long a reading of the release times is reused. Releases recorded by this instance clear it
   * at once; one recorded by another instance shows in the validators within this time (the data
   * itself is always read fresh, so validators can only lag behind it, never run ahead).
   */
  static final Duration READING_LIFETIME = Duration.ofSeconds(1);

  /** The release state as of {@code from}, true for any moment up to {@code goodUntil}. */
  private record Reading(Instant from, Instant goodUntil, ReleaseState state) {}

  private final ReleaseTimes releases;
  private volatile Reading reading;

  /** Counts the releases recorded here, so that a reading begun before one is not kept. */
  private final AtomicLong releasesRecorded = new AtomicLong();

  private final Clock clock;

  private final ReentrantLock refreshing = new ReentrantLock();

  public DataValidators(ReleaseTimes releases, Clock clock) {
    this.releases = releases;
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
   * The state of the released data up to {@code now}: one statement per second rather than one per
   * request, and never past the next scheduled release, which must show at its second. Also what
   * the response cache, the totals and the availability key their entries by. One reading at a
   * time: when a reading runs out, the requests that find it so wait for one statement instead of
   * each sending its own (the cache calls this outside the query bulkhead).
   */
  public ReleaseState state(OffsetDateTime now) {
    Instant at = now.toInstant();
    Reading known = reading;
    if (known != null && !at.isBefore(known.from()) && at.isBefore(known.goodUntil())) {
      return known.state();
    }
    refreshing.lock();
    try {
      known = reading;
      if (known != null && !at.isBefore(known.from()) && at.isBefore(known.goodUntil())) {
        return known.state();
      }
      return read(now, at);
    } finally {
      refreshing.unlock();
    }
  }

  private ReleaseState read(OffsetDateTime now, Instant at) {
    long releasesBefore = releasesRecorded.get();
    Instant readAt = clock.instant();
    ReleaseTimes.Reading times = releases.read(now);
    if (!at.isBefore(readAt.minus(READING_LIFETIME)) && !at.isAfter(readAt)) {
      Instant goodUntil = at.plus(READING_LIFETIME);
      if (times.nextChange() != null && times.nextChange().toInstant().isBefore(goodUntil)) {
        goodUntil = times.nextChange().toInstant();
      }
      Reading fresh = new Reading(at, goodUntil, times.state());
      synchronized (this) {
        if (releasesRecorded.get() == releasesBefore) {
          reading = fresh;
        }
      }
    }
    return times.state();
  }

  /**
   * The validators of released data as seen at {@code now}: dated by the last release up to now and
   * tagged by the whole release state, so a release still under embargo changes nothing here and
   * every release that becomes effective changes the ETag, even one stamped before the last.
   *
   * @param variant tells apart the representations of one URL (the format), as the ETag must
   * @param weak for a body that differs between two answers on the same data (a message id, a
   *     prepared time)
   */
  public Validators released(OffsetDateTime now, String variant, boolean weak) {
    ReleaseState state = state(now);
    return new Validators(state.lastChange(), state.changes(), variant, weak, false);
  }

  /** The validators of what only a dataset's provider sees, dated by the dataset's last update. */
  public static Validators unreleased(OffsetDateTime updatedAt, String variant) {
    return new Validators(updatedAt, 0, variant, false, true);
  }
}
