package org.coopstats.query.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A least-recently-used store bounded by the bytes of what it holds, for the answers of one release
 * moment at a time: a lookup or a store for a later moment drops everything kept for earlier ones
 * (the release made them unreachable), and a store for an earlier moment (a request begun before a
 * release, ending after it) is not kept. Plain synchronized code: a lookup is a hash probe and a
 * relink, short next to the request around it, and it keeps the bound exact.
 *
 * @param <M> the release state answers belong to, ordered from older to newer
 * @param <V> what is kept (a rendered answer)
 */
public final class ResponseStore<M extends Comparable<? super M>, V> {

  /** What one entry costs beyond its value's bytes (the key, the map's node, the headers). */
  static final int ENTRY_OVERHEAD = 256;

  private record Kept<V>(V value, long bytes) {}

  private final long maxBytes;
  private final LinkedHashMap<String, Kept<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
  private M moment;
  private long bytes;
  private long evictions;

  /**
   * @param maxBytes the bound of all values' bytes together (with {@link #ENTRY_OVERHEAD} each)
   */
  public ResponseStore(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The value kept for {@code key} at release moment {@code at}, if any. */
  public synchronized Optional<V> get(String key, M at) {
    if (!advanceTo(at)) {
      return Optional.empty();
    }
    Kept<V> kept = entries.get(key);
    return kept == null ? Optional.empty() : Optional.of(kept.value());
  }

  /**
   * Keeps {@code value} for {@code key} at release moment {@code at}, evicting the least recently
   * used entries to stay within the bound; a value over the bound by itself is not kept.
   *
   * @return whether it was kept
   */
  public synchronized boolean put(String key, M at, V value, long valueBytes) {
    long cost = valueBytes + key.length() + ENTRY_OVERHEAD;
    if (cost > maxBytes || !advanceTo(at)) {
      return false;
    }
    Kept<V> replaced = entries.put(key, new Kept<>(value, cost));
    if (replaced != null) {
      bytes -= replaced.bytes();
    }
    bytes += cost;
    Iterator<Map.Entry<String, Kept<V>>> oldest = entries.entrySet().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      Map.Entry<String, Kept<V>> entry = oldest.next();
      bytes -= entry.getValue().bytes();
      oldest.remove();
      evictions++;
    }
    return true;
  }

  /** Drops everything (a release was recorded: what is kept is of an older moment). */
  public synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int size() {
    return entries.size();
  }

  /** How many entries were dropped to stay within the bound (not those a release dropped). */
  public synchronized long evictions() {
    return evictions;
  }

  /** False for a moment before the current one; a later one drops what the earlier ones kept. */
  private boolean advanceTo(M at) {
    if (moment != null && at.compareTo(moment) < 0) {
      return false;
    }
    if (moment == null || at.compareTo(moment) > 0) {
      clear();
      moment = at;
    }
    return true;
  }
}
