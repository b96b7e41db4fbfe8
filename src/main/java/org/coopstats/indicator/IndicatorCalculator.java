package org.coopstats.indicator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Computes an indicator from the published values of its inputs, one value per area and period of
 * the numerator. Never mixes what cannot be mixed: two currencies, a missing or confidential input,
 * two published values for one input (from two datasets) are each a value withheld with its reason;
 * multipliers are converted (a value in thousands counts a thousand times).
 */
public final class IndicatorCalculator {

  /** The free confidentiality status; any other withholds a value derived from it. */
  static final String FREE = "F";

  /**
   * Observation statuses a derived value takes from its inputs, the first found winning: estimated
   * or forecast inputs make an estimate, imputed an imputed value, and so on; else A (normal).
   */
  private static final List<String> PASSED_ON = List.of("E", "F", "I", "P", "U", "V", "B");

  private final IndicatorDef definition;
  private final boolean sameCurrency;

  /**
   * @param sameCurrency both inputs are money, so both must be in one currency
   */
  public IndicatorCalculator(IndicatorDef definition, boolean sameCurrency) {
    this.definition = definition;
    this.sameCurrency = sameCurrency;
  }

  /**
   * The indicator's values, by area then period, for every area and period with a numerator.
   *
   * @param denominators the denominator's values; for a change, the numerator's series including
   *     the year before the first numerator
   */
  public List<IndicatorValue> compute(List<InputValue> numerators, List<InputValue> denominators) {
    Map<String, List<InputValue>> byCell = group(denominators);
    List<IndicatorValue> values = new ArrayList<>();
    for (List<InputValue> numerator : group(numerators).values()) {
      InputValue first = numerator.get(0);
      String period =
          definition.kind() == IndicatorDef.Kind.CHANGE
              ? yearBefore(first.period())
              : first.period();
      List<InputValue> denominator = byCell.getOrDefault(cell(first.area(), period), List.of());
      values.add(value(numerator, denominator, period));
    }
    return values;
  }

  private IndicatorValue value(
      List<InputValue> numerators, List<InputValue> denominators, String denominatorPeriod) {
    InputValue n = numerators.get(0);
    InputValue d = denominators.isEmpty() ? null : denominators.get(0);
    if (numerators.size() > 1) {
      return withheld(n, d, ambiguity("numerator", numerators, "provider="));
    }
    if (denominators.size() > 1) {
      return withheld(n, d, ambiguity("denominator", denominators, "denominatorProvider="));
    }
    if (d == null) {
      return withheld(
          n,
          null,
          "no "
              + definition.denominatorInput().measure()
              + " is published for "
              + n.area()
              + " "
              + denominatorPeriod);
    }
    String confidential = !FREE.equals(n.confStatus()) ? n.confStatus() : d.confStatus();
    if (!FREE.equals(confidential)) {
      return new IndicatorValue(
          n.area(),
          n.period(),
          null,
          "M",
          confidential,
          n,
          d,
          "an input is confidential (CONF_STATUS "
              + confidential
              + "): nothing is derived from it");
    }
    String problem = refusal(n, d);
    if (problem != null) {
      return withheld(n, d, problem);
    }
    return new IndicatorValue(n.area(), n.period(), quotient(n, d), status(n, d), FREE, n, d, null);
  }

  /** Why the two values cannot be divided, or null. */
  private String refusal(InputValue n, InputValue d) {
    if (n.value() == null || d.value() == null) {
      return "an input has no value (OBS_STATUS " + (n.value() == null ? n : d).obsStatus() + ")";
    }
    if (sameCurrency && !n.unitMeasure().equals(d.unitMeasure())) {
      return "the numerator is in "
          + n.unitMeasure()
          + " and the denominator in "
          + d.unitMeasure()
          + ": amounts in two currencies are not divided (no exchange rate is applied)";
    }
    if (d.value().signum() == 0) {
      return "the denominator is zero";
    }
    return null;
  }

  private BigDecimal quotient(InputValue n, InputValue d) {
    BigDecimal ratio = n.inUnits().divide(d.inUnits(), MathContext.DECIMAL64);
    if (definition.kind() == IndicatorDef.Kind.CHANGE) {
      ratio = ratio.subtract(BigDecimal.ONE);
    }
    return ratio
        .multiply(definition.multiplier())
        .setScale(definition.decimals(), RoundingMode.HALF_UP);
  }

  private static String status(InputValue n, InputValue d) {
    for (String status : PASSED_ON) {
      if (status.equals(n.obsStatus()) || status.equals(d.obsStatus())) {
        return status;
      }
    }
    return "A";
  }

  private IndicatorValue withheld(InputValue n, InputValue d, String problem) {
    return new IndicatorValue(n.area(), n.period(), null, "M", FREE, n, d, problem);
  }

  private static String ambiguity(String which, List<InputValue> values, String parameter) {
    return "several published values for the "
        + which
        + " (datasets "
        + values.stream()
            .map(v -> String.valueOf(v.dataset()))
            .distinct()
            .collect(Collectors.joining(", "))
        + "): choose one with "
        + parameter;
  }

  /** The values by area and period, in that order. */
  private static Map<String, List<InputValue>> group(List<InputValue> values) {
    Map<String, List<InputValue>> cells = new TreeMap<>();
    values.stream()
        .sorted(Comparator.comparing(InputValue::dataset))
        .forEach(
            v -> cells.computeIfAbsent(cell(v.area(), v.period()), k -> new ArrayList<>()).add(v));
    return cells;
  }

  private static String cell(String area, String period) {
    return area + '\u0000' + period;
  }

  /** The same period a year earlier: 2021 → 2020, 2021-Q2 → 2020-Q2, 2021-06 → 2020-06. */
  static String yearBefore(String period) {
    int year = Integer.parseInt(period.substring(0, 4));
    return String.format(java.util.Locale.ROOT, "%04d", year - 1) + period.substring(4);
  }
}
