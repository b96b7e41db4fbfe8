package org.coopstats.catalog;

import java.util.Map;
import java.util.Set;

/**
 * What a measure is: integer or decimal, count, FTE or money, stock, flow or average, whether it
 * may be negative, its unit, and which optional dimensions apply to it.
 *
 * @param allowedUnits the units it may be given in; empty means any code of {@code unitCodeList}
 * @param dimensions optional dimensions that apply, each with the condition under which it does
 * @param nonAdditiveDimensions dimensions across which values must not be summed (R05)
 * @param maxMagnitude the largest absolute value taken, in units (after UNIT_MULT); null: no bound
 */
public record MeasureDef(
    String id,
    String valueType,
    String quantity,
    String temporality,
    boolean allowsNegative,
    String defaultUnit,
    String unitCodeList,
    Set<String> allowedUnits,
    Map<String, Condition> dimensions,
    Set<String> nonAdditiveDimensions,
    java.math.BigDecimal maxMagnitude) {

  /** A measure without a bound on its magnitude. */
  public MeasureDef(
      String id,
      String valueType,
      String quantity,
      String temporality,
      boolean allowsNegative,
      String defaultUnit,
      String unitCodeList,
      Set<String> allowedUnits,
      Map<String, Condition> dimensions,
      Set<String> nonAdditiveDimensions) {
    this(
        id,
        valueType,
        quantity,
        temporality,
        allowsNegative,
        defaultUnit,
        unitCodeList,
        allowedUnits,
        dimensions,
        nonAdditiveDimensions,
        null);
  }

  /** "Applies only when {@code dimension} has {@code code}"; {@link #ALWAYS} when unconditional. */
  public record Condition(String dimension, String code) {
    public static final Condition ALWAYS = new Condition(null, null);

    public boolean isAlways() {
      return dimension == null;
    }
  }

  public boolean isInteger() {
    return "INTEGER".equals(valueType);
  }

  public boolean isMoney() {
    return "MONEY".equals(quantity);
  }
}
