package org.coopstats.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How upload jobs are shared by several instances on one database. */
@ConfigMapping(prefix = "coopstats.jobs")
public interface JobSettings {

  /** How often an instance says, in the database, that it still runs its jobs. */
  @WithDefault("10S")
  Duration heartbeatInterval();

  /**
   * A job whose owner has not heartbeat for this long is taken for dead and recovered by any
   * instance. Several heartbeat intervals, so that a busy instance is not taken for dead.
   */
  @WithDefault("60S")
  Duration staleAfter();

  /** How often a running job looks in the database for a cancel recorded by any instance. */
  @WithDefault("1S")
  Duration cancelPollInterval();

  /**
   * This instance's name in the jobs it owns; random by default. A stable one (the pod's name) lets
   * a restarted instance recover its own jobs at once instead of after {@link #staleAfter()}.
   */
  Optional<String> instanceId();
}
