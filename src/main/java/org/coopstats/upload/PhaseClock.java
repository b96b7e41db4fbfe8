package org.coopstats.upload;

import java.util.StringJoiner;

/** Times the phases of one upload, for the log line that says where its time went. */
final class PhaseClock {

  private final StringJoiner laps = new StringJoiner(", ");
  private final long start = System.nanoTime();
  private long last = start;

  /** Ends the phase running since the previous lap. */
  void lap(String phase) {
    long now = System.nanoTime();
    laps.add(phase + " " + (now - last) / 1_000_000 + " ms");
    last = now;
  }

  @Override
  public String toString() {
    return laps + " (total " + (last - start) / 1_000_000 + " ms)";
  }
}
