package org.coopstats.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.coopstats.common.PageRequest;
import org.coopstats.observation.Landmarks;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.Visibility;
import org.junit.jupiter.api.Test;

/** The bounded cache of landmarks: computed once per key, least recently used dropped. */
class TotalsCacheTest {

  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-01T12:00:00Z");

  private static TotalsKey key(int release) {
    ObservationQuery query =
        new ObservationQuery(
            Map.of(), null, null, Set.of(), Set.of(), Visibility.asOf(NOW), new PageRequest(0, 1));
    return TotalsKey.of("COOP_STATS", query, new ReleaseState(NOW.minusSeconds(release), 1));
  }

  private static Landmarks landmarks(long total, int keys) {
    List<List<Object>> list = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      list.add(List.of(i));
    }
    return new Landmarks(total, 10, list);
  }

  @Test
  void aKeyIsComputedOnceEvenByCallersArrivingWhileItIs() throws Exception {
    TotalsCache cache = new TotalsCache(10, 1000);
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<Landmarks> first =
          pool.submit(
              () ->
                  cache.get(
                      key(1),
                      () -> {
                        computed.incrementAndGet();
                        started.countDown();
                        await(release);
                        return landmarks(42, 0);
                      }));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<Landmarks>> waiting = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        waiting.add(
            pool.submit(
                () ->
                    cache.get(
                        key(1),
                        () -> {
                          computed.incrementAndGet();
                          return landmarks(-1, 0);
                        })));
      }
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).total()).isEqualTo(42);
      for (Future<Landmarks> other : waiting) {
        assertThat(other.get(10, TimeUnit.SECONDS).total()).isEqualTo(42);
      }
      assertThat(computed).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theLeastRecentlyUsedGoesFirstBeyondTheEntryBound() {
    TotalsCache cache = new TotalsCache(2, 1000);
    cache.get(key(1), () -> landmarks(1, 0));
    cache.get(key(2), () -> landmarks(2, 0));
    cache.get(key(1), () -> landmarks(-1, 0)); // 1 used again: 2 is now the eldest
    cache.get(key(3), () -> landmarks(3, 0));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(key(1), () -> landmarks(-1, 0)).total()).isEqualTo(1);
    assertThat(cache.get(key(2), () -> landmarks(20, 0)).total()).isEqualTo(20); // computed anew
  }

  @Test
  void landmarksHeldStayWithinTheirBound() {
    TotalsCache cache = new TotalsCache(100, 25);
    cache.get(key(1), () -> landmarks(1, 9)); // weighs 10
    cache.get(key(2), () -> landmarks(2, 9));
    assertThat(cache.landmarksHeld()).isEqualTo(20);
    cache.get(key(3), () -> landmarks(3, 9));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.landmarksHeld()).isEqualTo(20);
    assertThat(cache.get(key(1), () -> landmarks(10, 0)).total()).isEqualTo(10);
  }

  @Test
  void aFailedComputationIsNotKeptAndTheNextCallerTriesAgain() {
    TotalsCache cache = new TotalsCache(10, 100);
    assertThatThrownBy(
            () ->
                cache.get(
                    key(1),
                    () -> {
                      throw new IllegalStateException("database down");
                    }))
        .hasMessage("database down");
    assertThat(cache.size()).isZero();
    assertThat(cache.get(key(1), () -> landmarks(5, 0)).total()).isEqualTo(5);
  }

  @Test
  void clearingForgetsEverything() {
    TotalsCache cache = new TotalsCache(10, 100);
    cache.get(key(1), () -> landmarks(5, 3));
    cache.clear();
    assertThat(cache.size()).isZero();
    assertThat(cache.landmarksHeld()).isZero();
    assertThat(cache.get(key(1), () -> landmarks(6, 0)).total()).isEqualTo(6);
  }
}
