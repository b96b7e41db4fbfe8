package org.coopstats.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exponential back-off, forgetting, and bounded memory of the login throttle. */
class LoginThrottleUnitTest {

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private LoginThrottle throttle(int capacity) {
    return new LoginThrottle(
        new LoginThrottle.Policy(
            3, 10, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), capacity),
        clock);
  }

  @Test
  void theThirdFailureClosesTheNameAndEachFurtherOneDoublesTheWait() {
    LoginThrottle throttle = throttle(100);
    throttle.failed("ana", "10.0.0.1");
    throttle.failed("ana", "10.0.0.2");
    assertThat(throttle.retryAfter("ana", "10.0.0.3")).isEmpty();
    throttle.failed("ana", "10.0.0.3");
    assertThat(throttle.retryAfter("ana", "10.0.0.4")).contains(Duration.ofSeconds(1));
    assertThat(throttle.retryAfter("bob", "10.0.0.4")).isEmpty();
    for (long expected : new long[] {2, 4, 8, 16, 32, 60, 60}) {
      now = now.plus(throttle.retryAfter("ana", null).orElseThrow());
      assertThat(throttle.retryAfter("ana", null)).isEmpty();
      throttle.failed("ana", null);
      assertThat(throttle.retryAfter("ana", null)).contains(Duration.ofSeconds(expected));
    }
  }

  @Test
  void attemptsWhileClosedDoNotLengthenTheWait() {
    LoginThrottle throttle = throttle(100);
    for (int i = 0; i < 3; i++) {
      throttle.failed("ana", null);
    }
    now = now.plusMillis(400);
    assertThat(throttle.retryAfter("ana", null)).contains(Duration.ofMillis(600));
  }

  @Test
  void anAddressIsClosedAfterItsOwnFailuresWhateverTheNames() {
    LoginThrottle throttle = throttle(100);
    for (int i = 0; i < 10; i++) {
      throttle.failed("name" + i, "10.0.0.9");
    }
    assertThat(throttle.retryAfter("someone-else", "10.0.0.9")).contains(Duration.ofSeconds(1));
    assertThat(throttle.retryAfter("someone-else", "10.0.0.8")).isEmpty();
  }

  @Test
  void aVerifiedPasswordAndTimeForgetFailures() {
    LoginThrottle throttle = throttle(100);
    for (int i = 0; i < 3; i++) {
      throttle.failed("ana", "10.0.0.1");
    }
    throttle.succeeded("ana");
    assertThat(throttle.retryAfter("ana", null)).isEmpty();
    throttle.failed("ana", "10.0.0.1");
    throttle.failed("ana", "10.0.0.1");
    now = now.plus(Duration.ofMinutes(15));
    throttle.failed("ana", "10.0.0.1");
    assertThat(throttle.retryAfter("ana", null)).as("the count started again").isEmpty();
  }

  @Test
  void rotatingNamesAndAddressesKeepsMemoryBoundedAndTheAttackedNameClosed() {
    LoginThrottle throttle = throttle(1000);
    for (int i = 0; i < 3; i++) {
      throttle.failed("admin", "192.0.2." + i);
    }
    for (int i = 0; i < 100_000; i++) {
      throttle.failed("random" + i, "198.51." + (i / 256) + "." + (i % 256));
      if (i % 500 == 0) {
        assertThat(throttle.retryAfter("admin", null)).isPresent(); // the attack on admin goes on
        now = now.plusMillis(1);
      }
    }
    assertThat(throttle.size()).isLessThanOrEqualTo(2000);
    Optional<Duration> wait = throttle.retryAfter("admin", null);
    assertThat(wait).isPresent();
  }
}
