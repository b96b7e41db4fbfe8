package org.coopstats.indicator;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An indicator as defined in the {@code indicator} table: a numerator and (for a ratio) a
 * denominator, each a measure with fixed codes, and how the quotient is shown.
 *
 * @param denominator the denominator of a {@link Kind#RATIO}; null for a {@link Kind#CHANGE}, whose
 *     denominator is the numerator's series a year earlier
 * @param multiplier the quotient is multiplied by it (100 for a percentage)
 * @param unit what the value counts, e.g. PERCENT or PER_100000_INHABITANTS
 * @param decimals the decimals the value is rounded to
 */
public record IndicatorDef(
    String id,
    String nameEn,
    String nameFr,
    String nameEs,
    Kind kind,
    Input numerator,
    Input denominator,
    BigDecimal multiplier,
    String unit,
    int decimals,
    String notes) {

  /** How the value is computed from its inputs. */
  public enum Kind {
    /** numerator / denominator x multiplier, both of one area and period */
    RATIO,
    /** (numerator / the same series a year earlier - 1) x multiplier */
    CHANGE
  }

  /**
   * One input: a measure of a structure, with fixed codes for some of its other dimensions (the
   * dimensions not named are _T where they apply to the measure, _Z where they do not).
   */
  public record Input(String structure, String measure, Map<String, String> codes) {}

  /** The name in {@code lang} (en, fr or es), English where that one is missing. */
  public String name(String lang) {
    String name =
        switch (lang == null ? "en" : lang) {
          case "fr" -> nameFr;
          case "es" -> nameEs;
          default -> nameEn;
        };
    return name == null ? nameEn : name;
  }

  /** The denominator's input: the ratio's own, or the numerator's for a change. */
  public Input denominatorInput() {
    return kind == Kind.CHANGE ? numerator : denominator;
  }
}
