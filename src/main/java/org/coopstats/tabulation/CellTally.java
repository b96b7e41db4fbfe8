package org.coopstats.tabulation;

import java.math.BigDecimal;
import java.util.Arrays;
import org.coopstats.disclosure.Contributions;

/**
 * Per cell, what its units contribute: the exact sum, how many units contribute something, the sum
 * of the absolute contributions and the largest few of them (what the dominance and p % rules
 * need). Its size is the number of cells, whatever the number of units.
 */
final class CellTally {

  private final BigDecimal[] sums;
  private final long[] contributors;
  private final double[] absoluteTotals;
  private final double[][] largest;

  CellTally(int cells, int keepLargest) {
    sums = new BigDecimal[cells];
    Arrays.fill(sums, BigDecimal.ZERO);
    contributors = new long[cells];
    absoluteTotals = new double[cells];
    largest = new double[cells][keepLargest];
  }

  /** One unit's contribution to a cell. */
  void add(int cell, BigDecimal value) {
    sums[cell] = sums[cell].add(value);
    if (value.signum() == 0) {
      return;
    }
    contributors[cell]++;
    double magnitude = Math.abs(value.doubleValue());
    absoluteTotals[cell] += magnitude;
    double[] top = largest[cell];
    int at = top.length;
    while (at > 0 && top[at - 1] < magnitude) {
      at--;
    }
    if (at < top.length) {
      System.arraycopy(top, at, top, at + 1, top.length - at - 1);
      top[at] = magnitude;
    }
  }

  BigDecimal sum(int cell) {
    return sums[cell];
  }

  long contributors(int cell) {
    return contributors[cell];
  }

  Contributions contributions(int cell) {
    int known = (int) Math.min(contributors[cell], largest[cell].length);
    return new Contributions(
        contributors[cell], Arrays.copyOf(largest[cell], known), absoluteTotals[cell]);
  }
}
