package org.coopstats.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResponseStoreTest {

  private static final Instant RELEASE = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant NEXT = RELEASE.plusSeconds(1);
  private static final int ENTRY = 1000;

  /** Room for exactly two entries of ENTRY bytes under keys of one character. */
  private final ResponseStore<Instant, String> store =
      new ResponseStore<>(2L * (ENTRY + 1 + ResponseStore.ENTRY_OVERHEAD));

  @Test
  void keepsWhatFitsAndEvictsTheLeastRecentlyUsedPastTheBound() {
    assertThat(store.put("a", RELEASE, "A", ENTRY)).isTrue();
    assertThat(store.put("b", RELEASE, "B", ENTRY)).isTrue();
    assertThat(store.get("a", RELEASE)).contains("A");
    assertThat(store.put("c", RELEASE, "C", ENTRY)).isTrue();
    assertThat(store.get("b", RELEASE)).as("least recently used").isEmpty();
    assertThat(store.get("a", RELEASE)).contains("A");
    assertThat(store.get("c", RELEASE)).contains("C");
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.evictions()).isEqualTo(1);
    assertThat(store.bytes()).isEqualTo(2L * (ENTRY + 1 + ResponseStore.ENTRY_OVERHEAD));
  }

  @Test
  void aValueOverTheWholeBoundIsNotKeptAndEvictsNothing() {
    store.put("a", RELEASE, "A", ENTRY);
    assertThat(store.put("big", RELEASE, "BIG", 3L * ENTRY)).isFalse();
    assertThat(store.get("a", RELEASE)).contains("A");
    assertThat(store.evictions()).isZero();
  }

  @Test
  void replacingAnEntryCountsItsBytesOnce() {
    store.put("a", RELEASE, "A", ENTRY);
    store.put("a", RELEASE, "A2", ENTRY);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.bytes()).isEqualTo(ENTRY + 1 + ResponseStore.ENTRY_OVERHEAD);
    assertThat(store.get("a", RELEASE)).contains("A2");
  }

  @Test
  void aLaterReleaseMomentDropsEverythingKeptBeforeIt() {
    store.put("a", RELEASE, "A", ENTRY);
    assertThat(store.get("a", NEXT)).isEmpty();
    assertThat(store.size()).isZero();
    assertThat(store.bytes()).isZero();
    // a request begun before the release and ending after it is not kept
    assertThat(store.put("a", RELEASE, "old", ENTRY)).isFalse();
    assertThat(store.get("a", NEXT)).isEmpty();
    assertThat(store.get("a", RELEASE)).as("an earlier moment finds nothing").isEmpty();
  }

  @Test
  void clearDropsEverything() {
    store.put("a", RELEASE, "A", ENTRY);
    store.clear();
    assertThat(store.get("a", RELEASE)).isEmpty();
    assertThat(store.bytes()).isZero();
  }
}
