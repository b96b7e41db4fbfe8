package org.coopstats.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Bounds how many public queries of observations work on the database at once, so that a flood of
 * them cannot take every pooled connection: the others are turned away at once with a 503
 * (ProblemMappers), instead of each waiting for the pool's acquisition timeout and failing. The
 * bound stays below quarkus.datasource.jdbc.max-size, which leaves connections for writes, logins
 * and readiness. One bean, one bound: every caller shares it, whether its query runs within {@link
 * #run} or holds a {@link Permit} while its answer streams from a cursor (SDMX data).
 */
@ApplicationScoped
public class QueryBulkhead {

  private final Semaphore places;

  /**
   * @param bound the bound, {@code org.coopstats.common.QueryBulkhead/run/Bulkhead/value} in the
   *     configuration (the key of the MicroProfile bulkhead this class first had)
   */
  public QueryBulkhead(
      @ConfigProperty(name = "org.coopstats.common.QueryBulkhead/run/Bulkhead/value") int bound) {
    this.places = new Semaphore(bound);
  }

  /**
   * Runs {@code work} if fewer than the bound are running, else throws {@link BulkheadException}
   * without waiting.
   */
  public <T> T run(Supplier<T> work) {
    try (Permit permit = acquire()) {
      return work.get();
    }
  }

  /**
   * Takes a place, held until the permit is closed (an answer that reads while it is written takes
   * one before its first query and gives it back when its last row is written or the client left);
   * throws {@link BulkheadException} without waiting if there is none.
   */
  public Permit acquire() {
    if (!places.tryAcquire()) {
      throw new BulkheadException("Too many queries at once");
    }
    return new Permit(places);
  }

  /** A place taken; closing it (once or more) gives it back. */
  public static final class Permit implements AutoCloseable {
    private final Semaphore places;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(Semaphore places) {
      this.places = places;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        places.release();
      }
    }
  }
}
