package org.coopstats.disclosure;

/**
 * Outcome for one cell.
 *
 * @param status the cell's status
 * @param lowerProtection protection required below the value (0 unless primary)
 * @param upperProtection protection required above the value (0 unless primary)
 * @param low the audit's lowest value consistent with everything published (NaN when published,
 *     -Infinity when unbounded)
 * @param high the audit's highest value (NaN when published, +Infinity when unbounded)
 */
public record CellOutcome(
    Status status, double lowerProtection, double upperProtection, double low, double high) {}
