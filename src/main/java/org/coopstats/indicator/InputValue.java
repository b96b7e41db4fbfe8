package org.coopstats.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A published value an indicator is computed from, with its origin: the dataset, its provider, the
 * version of the dataset that released it and when.
 *
 * @param value the value as published (null when missing), in units of 10^{@code unitMult}
 */
public record InputValue(
    String area,
    String period,
    BigDecimal value,
    String unitMeasure,
    int unitMult,
    String obsStatus,
    String confStatus,
    long dataset,
    String provider,
    Integer version,
    OffsetDateTime releasedAt) {

  /** The value in units (the multiplier applied). */
  BigDecimal inUnits() {
    return value.scaleByPowerOfTen(unitMult);
  }
}
