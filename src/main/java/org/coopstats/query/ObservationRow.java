package org.coopstats.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One observation as served: where it comes from, its key, period, value and attributes; with its
 * validity interval for history queries and its action (I current, D deleted) for change queries.
 */
public record ObservationRow(
    long datasetId,
    String providerId,
    List<String> key,
    String timePeriod,
    BigDecimal value,
    String obsStatus,
    String confStatus,
    String unitMeasure,
    int unitMult,
    String comment,
    OffsetDateTime validFrom,
    OffsetDateTime validTo,
    String action) {}
