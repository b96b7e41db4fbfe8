package org.coopstats.disclosure;

/** What a cell measures, which decides the primary rules it gets. */
public enum CellKind {
  /** Counts of units (cooperatives): frequency rule only, and only if protectUnitCounts. */
  UNIT_COUNT,
  /** Persons, memberships: frequency and dominance. */
  MAGNITUDE,
  /** Money: frequency, dominance and p %; may be negative (surplus): rules use absolute values. */
  MONEY
}
