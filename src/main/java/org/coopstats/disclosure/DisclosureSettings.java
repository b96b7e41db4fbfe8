package org.coopstats.disclosure;

/**
 * The rules' parameters (per register).
 *
 * @param minFrequency frequency rule: a cell with 1..minFrequency-1 contributors is primary (A)
 * @param dominanceN (n,k)-dominance: the n largest contributions make more than k % of the cell (O)
 * @param dominanceK the k of the dominance rule, in percent
 * @param pPercent p % rule, MONEY cells only: X - x1 - x2 &lt; p/100 * x1 (C)
 * @param protectionPercent protection a frequency-rule cell needs, as % of its value (at least 1)
 * @param protectUnitCounts UNIT_COUNT cells get the frequency rule too (default false: counts of
 *     registered cooperatives are public)
 */
public record DisclosureSettings(
    int minFrequency,
    int dominanceN,
    double dominanceK,
    double pPercent,
    double protectionPercent,
    boolean protectUnitCounts) {

  /** The usual rules: at least 3 units, no unit above 85 %, p = 10 %, 10 % protection. */
  public static final DisclosureSettings DEFAULTS = new DisclosureSettings(3, 1, 85, 10, 10, false);
}
