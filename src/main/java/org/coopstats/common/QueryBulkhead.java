package org.coopstats.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Bounds how many public queries of observations work on the database at once, so that a flood of
 * them cannot take every pooled connection: the others are turned away at once with a 503
 * (ProblemMappers), instead of each waiting for the pool's acquisition timeout and failing. The
 * bound stays below quarkus.datasource.jdbc.max-size, which leaves connections for writes, logins
 * and readiness. One bean, one bulkhead: every caller shares the same bound.
 */
@ApplicationScoped
public class QueryBulkhead {

  /**
   * Runs {@code work} if fewer than the bound are running, else throws {@link
   * org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException} without waiting. The
   * bound is {@code org.coopstats.common.QueryBulkhead/run/Bulkhead/value} in the configuration.
   */
  @Bulkhead(15)
  public <T> T run(Supplier<T> work) {
    return work.get();
  }
}
