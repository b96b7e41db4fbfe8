package org.coopstats.query;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where a read of released data runs: on the read replica (the named datasource {@code read}, when
 * it is configured) once the replica has reached the release the primary shows, else on the
 * primary. The replica has reached it when its own release state ({@link ReleaseTimes}) equals the
 * primary's ({@link DataValidators}, read at most once a second): replay applies whole transactions
 * in commit order, so the replica then holds every row of that release and an answer from it is
 * never older than one from the primary. A replica that fails (down, erroring, behind a network
 * fault) is left alone for {@code coopstats.read.retry-after} and the read runs again on the
 * primary: a replica never turns a read into an error. Counted per target in {@code
 * coopstats.read.route} (replica, primary, fallback: tried on the replica, answered by the
 * primary).
 */
@ApplicationScoped
public class ReadRoute {

  /** The name of the replica's datasource. */
  public static final String READ_DATASOURCE = "read";

  private static final Logger LOG = Logger.getLogger(ReadRoute.class);

  private final DataSource primary;
  private final Optional<AgroalDataSource> replica;
  private final DataValidators validators;
  private final Clock clock;
  private final Duration retryAfter;
  private final Counter toReplica;
  private final Counter toPrimary;
  private final Counter fallbacks;

  /** The last primary release state the replica was seen to have reached. */
  private volatile ReleaseState reached;

  /** Until when a failed replica is left alone. */
  private volatile Instant downUntil = Instant.MIN;

  /** One look at the replica's state at a time; the reads meanwhile go to the primary. */
  private final ReentrantLock checking = new ReentrantLock();

  public ReadRoute(
      DataSource primary,
      DataValidators validators,
      Clock clock,
      MeterRegistry registry,
      @ConfigProperty(name = "coopstats.read.retry-after", defaultValue = "5S")
          Duration retryAfter) {
    this.primary = primary;
    this.replica = AgroalDataSourceUtil.dataSourceIfActive(READ_DATASOURCE);
    this.validators = validators;
    this.clock = clock;
    this.retryAfter = retryAfter;
    this.toReplica = registry.counter("coopstats.read.route", "target", "replica");
    this.toPrimary = registry.counter("coopstats.read.route", "target", "primary");
    this.fallbacks = registry.counter("coopstats.read.route", "target", "fallback");
  }

  /** Whether a read replica is configured. */
  public boolean hasReplica() {
    return replica.isPresent();
  }

  /**
   * Runs {@code read} (a read of released data, which must not write) on the replica when it has
   * reached the current release, else, or when it fails there, on the primary.
   */
  public <T> T released(Function<DataSource, T> read) {
    if (replica.isEmpty() || !replicaHasReached(OffsetDateTime.now(clock))) {
      toPrimary.increment();
      return read.apply(primary);
    }
    T answer;
    try {
      answer = read.apply(replica.get());
    } catch (RuntimeException e) {
      if (!fromTheDatabase(e)) {
        throw e;
      }
      failed(e);
      fallbacks.increment();
      return read.apply(primary);
    }
    toReplica.increment();
    return answer;
  }

  private boolean replicaHasReached(OffsetDateTime now) {
    ReleaseState wanted = validators.state(now);
    if (wanted.sameAs(reached)) {
      return true; // a replica only moves on
    }
    if (clock.instant().isBefore(downUntil) || !checking.tryLock()) {
      return false;
    }
    try {
      ReleaseState there = ReleaseTimes.read(replica.orElseThrow(), now).state();
      if (!there.sameAs(wanted)) {
        return false;
      }
      reached = wanted;
      return true;
    } catch (RuntimeException e) {
      failed(e);
      return false;
    } finally {
      checking.unlock();
    }
  }

  private void failed(RuntimeException e) {
    Instant now = clock.instant();
    if (!now.isBefore(downUntil)) {
      LOG.warnf(
          "The read replica failed (%s); reading on the primary for %s",
          rootMessage(e), retryAfter);
    }
    downUntil = now.plus(retryAfter);
  }

  /** A failure of the database or the connection to it (the readers wrap SQLExceptions). */
  private static boolean fromTheDatabase(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
