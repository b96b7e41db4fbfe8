package org.coopstats.tabulation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.coopstats.disclosure.CellKind;

/**
 * One table derived from a register: a measure, the codes it fixes, the axes it is broken down by,
 * which units it counts and what each contributes (to a leaf of every axis).
 */
record TableShape(
    String measure,
    CellKind kind,
    boolean nonNegative,
    String unit,
    Map<String, String> fixed,
    List<Axis> axes,
    Predicate<UnitRecord> counts,
    Function<UnitRecord, List<Contribution>> contributions) {

  /** What one unit gives to one leaf of every axis (leaves in the order of the axes). */
  record Contribution(List<String> leaves, BigDecimal value) {}
}
