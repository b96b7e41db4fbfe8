package org.coopstats.indicator;

import java.math.BigDecimal;

/**
 * An indicator's value for one area and period, with the values it was computed from; or, where it
 * cannot be computed, no value and the reason.
 *
 * @param denominator the denominator's value (for a change: the numerator's series a year earlier),
 *     null when none was published
 * @param problem why there is no value, or null
 */
public record IndicatorValue(
    String area,
    String period,
    BigDecimal value,
    String obsStatus,
    String confStatus,
    InputValue numerator,
    InputValue denominator,
    String problem) {}
