package org.coopstats.security;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.coopstats.common.ProblemMappers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login throttle of this instance, configured by {@code coopstats.login-throttle.*}, and the
 * failure it answers with: an authentication failure (so Quarkus stops the request before anything
 * else of it is read) carrying the seconds to wait, which ProblemMappers answers as 429 with
 * Retry-After.
 */
@ApplicationScoped
public class PasswordChecks {

  /** Attribute of the authentication failure: whole seconds to wait before trying again. */
  private final LoginThrottle throttle;

  PasswordChecks(
      Clock clock,
      @ConfigProperty(name = "coopstats.login-throttle.free-failures-per-user", defaultValue = "5")
          int freePerUser,
      @ConfigProperty(
              name = "coopstats.login-throttle.free-failures-per-address",
              defaultValue = "20")
          int freePerAddress,
      @ConfigProperty(name = "coopstats.login-throttle.base-delay", defaultValue = "1S")
          Duration baseDelay,
      @ConfigProperty(name = "coopstats.login-throttle.max-delay", defaultValue = "5M")
          Duration maxDelay,
      @ConfigProperty(name = "coopstats.login-throttle.forget-after", defaultValue = "15M")
          Duration forgetAfter) {
    this.throttle =
        new LoginThrottle(
            new LoginThrottle.Policy(
                freePerUser, freePerAddress, baseDelay, maxDelay, forgetAfter, 10_000),
            clock);
  }

  /** The failure to answer with instead of checking the password, if the caller must wait. */
  Optional<AuthenticationFailedException> refusal(String username, String address) {
    return throttle.retryAfter(username, address).map(PasswordChecks::throttled);
  }

  void failed(String username, String address) {
    throttle.failed(username, address);
  }

  void succeeded(String username) {
    throttle.succeeded(username);
  }

  static AuthenticationFailedException throttled(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return new AuthenticationFailedException(
        "Too many failed logins",
        Map.of(ProblemMappers.RETRY_AFTER_ATTRIBUTE, Math.max(1, seconds)));
  }
}
