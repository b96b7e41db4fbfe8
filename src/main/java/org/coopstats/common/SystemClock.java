package org.coopstats.common;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock of the service: every reading of the present (releases and embargoes, validators,
 * audit and record times, login throttling, job heartbeats) goes through it, so tests that enable
 * their own as an alternative move time for all of them. Only durations (timings) use nanoTime.
 */
@ApplicationScoped
public class SystemClock {

  @Produces
  @DefaultBean
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
