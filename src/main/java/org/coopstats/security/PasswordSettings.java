package org.coopstats.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How passwords are hashed. */
@ConfigMapping(prefix = "coopstats.passwords")
public interface PasswordSettings {

  /**
   * bcrypt's cost (2^cost rounds) for new hashes; each hash keeps its own cost, so raising it
   * affects only passwords set afterwards. 10 takes about 0.1 s of CPU a check; the tests use 4.
   */
  @WithDefault("10")
  @Min(4)
  @Max(31)
  int hashCost();
}
