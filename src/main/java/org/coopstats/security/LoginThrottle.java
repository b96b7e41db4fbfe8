package org.coopstats.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed password checks, counted per user name and per client address, so that a flood of wrong
 * passwords cannot spend the CPU on bcrypt (about 0.1 s a check). The {@code freeFailures}-th
 * failure in a row closes the key for {@code baseDelay}, each further one for twice as long as the
 * one before, up to {@code maxDelay}. While a key is closed its requests are answered without
 * checking the password; they do not lengthen the wait.
 *
 * <p>Bounded in memory: at most {@code capacity} keys of each kind, the least recently used dropped
 * first (access order: every attempt on a closed key keeps it), so a key under attack stays while
 * an attacker rotating names or addresses pushes out only its own stale ones. A key is forgotten
 * {@code forgetAfter} after its last failure, and a user name at once when its password is
 * verified. Per instance: several instances behind a load balancer each count their own.
 */
public final class LoginThrottle {

  /** How many failures a key may have before it is closed, and how its closing grows. */
  public record Policy(
      int freeFailuresPerUser,
      int freeFailuresPerAddress,
      Duration baseDelay,
      Duration maxDelay,
      Duration forgetAfter,
      int capacity) {}

  private record Failures(int count, Instant last, Instant closedUntil) {}

  private final Policy policy;
  private final Clock clock;
  private final Map<String, Failures> users;
  private final Map<String, Failures> addresses;

  public LoginThrottle(Policy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.users = lru(policy.capacity());
    this.addresses = lru(policy.capacity());
  }

  /** How long the caller must wait before a password is checked for it again; empty: check now. */
  public synchronized Optional<Duration> retryAfter(String username, String address) {
    Instant now = clock.instant();
    Instant until = later(closedUntil(users, username, now), closedUntil(addresses, address, now));
    return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
  }

  /** A password check failed for this user name from this address. */
  public synchronized void failed(String username, String address) {
    Instant now = clock.instant();
    count(users, username, policy.freeFailuresPerUser(), now);
    count(addresses, address, policy.freeFailuresPerAddress(), now);
  }

  /** The user's password was verified: its name starts afresh (its address does not). */
  public synchronized void succeeded(String username) {
    users.remove(username);
  }

  synchronized int size() {
    return users.size() + addresses.size();
  }

  private Instant closedUntil(Map<String, Failures> map, String key, Instant now) {
    if (key == null) {
      return null;
    }
    Failures failures = map.get(key);
    if (failures == null) {
      return null;
    }
    if (!now.isBefore(failures.last().plus(policy.forgetAfter()))) {
      map.remove(key);
      return null;
    }
    return failures.closedUntil() != null && now.isBefore(failures.closedUntil())
        ? failures.closedUntil()
        : null;
  }

  private void count(Map<String, Failures> map, String key, int free, Instant now) {
    if (key == null) {
      return;
    }
    Failures before = map.get(key);
    int count =
        before == null || !now.isBefore(before.last().plus(policy.forgetAfter()))
            ? 1
            : before.count() + 1;
    Instant closedUntil = count >= free ? now.plus(delay(count - free + 1)) : null;
    map.put(key, new Failures(count, now, closedUntil));
  }

  /** baseDelay × 2^(n-1), at most maxDelay. */
  private Duration delay(int beyondFree) {
    Duration delay = policy.baseDelay();
    for (int i = 1; i < beyondFree && delay.compareTo(policy.maxDelay()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static Map<String, Failures> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > capacity;
      }
    };
  }
}
