package org.coopstats.validation;

import java.math.BigDecimal;
import java.util.List;

/**
 * An observation that passed the row checks (R01–R03), with every default filled in.
 *
 * @param key the codes of the series dimensions, in key order
 * @param keyPositions where each code of the key stands in its dimension's code list ({@link
 *     org.coopstats.catalog.CodeList#codes()}), found while checking it: the compact form of the
 *     key
 * @param value null for a missing value flagged by its observation status, or a deletion
 * @param deletion the row removes its key (SDMX-CSV ACTION D) instead of storing a value
 */
public record CheckedObservation(
    RowRef source,
    List<String> key,
    int[] keyPositions,
    TimePeriod period,
    BigDecimal value,
    String obsStatus,
    String confStatus,
    String unitMeasure,
    int unitMult,
    String comment,
    boolean deletion) {}
