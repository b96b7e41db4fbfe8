package org.coopstats.query;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.coopstats.observation.Landmarks;

/**
 * The landmarks of recent queries, least recently used dropped first, bounded in entries and in
 * landmarks held (each about 200 bytes). Each key is computed once: callers asking for a key being
 * computed wait for that computation instead of running their own (32 clients on a cold key cost
 * one pass, not 32).
 */
final class TotalsCache {

  private final int maxEntries;
  private final long maxLandmarks;
  private final LinkedHashMap<TotalsKey, Slot> slots = new LinkedHashMap<>(64, 0.75f, true);
  private long landmarksHeld;

  /** One key's landmarks, as they are computed; its weight once known. */
  private static final class Slot {
    final CompletableFuture<Landmarks> landmarks = new CompletableFuture<>();
    long weight;
  }

  TotalsCache(int maxEntries, long maxLandmarks) {
    this.maxEntries = maxEntries;
    this.maxLandmarks = maxLandmarks;
  }

  /** The landmarks of {@code key}, from {@code compute} if they are not held or being computed. */
  Landmarks get(TotalsKey key, Supplier<Landmarks> compute) {
    Slot slot;
    boolean mine;
    synchronized (this) {
      slot = slots.get(key);
      mine = slot == null;
      if (mine) {
        slot = new Slot();
        slots.put(key, slot);
      }
    }
    if (mine) {
      fill(key, slot, compute);
    }
    try {
      return slot.landmarks.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void fill(TotalsKey key, Slot slot, Supplier<Landmarks> compute) {
    Landmarks landmarks;
    try {
      landmarks = compute.get();
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        slots.remove(key, slot); // the next caller tries again
      }
      slot.landmarks.completeExceptionally(e);
      throw e;
    }
    synchronized (this) {
      if (slots.get(key) == slot) {
        slot.weight = landmarks.keys().size() + 1L;
        landmarksHeld += slot.weight;
        evict();
      }
    }
    slot.landmarks.complete(landmarks);
  }

  /** Drops the least recently used computed entries until within both bounds. */
  private void evict() {
    Iterator<Map.Entry<TotalsKey, Slot>> eldest = slots.entrySet().iterator();
    while ((slots.size() > maxEntries || landmarksHeld > maxLandmarks) && eldest.hasNext()) {
      Slot slot = eldest.next().getValue();
      if (slot.weight > 0) {
        landmarksHeld -= slot.weight;
        eldest.remove();
      }
    }
  }

  /** Forgets every entry (those being computed finish for their callers only). */
  synchronized void clear() {
    slots.clear();
    landmarksHeld = 0;
  }

  long maxLandmarks() {
    return maxLandmarks;
  }

  synchronized int size() {
    return slots.size();
  }

  synchronized long landmarksHeld() {
    return landmarksHeld;
  }
}
