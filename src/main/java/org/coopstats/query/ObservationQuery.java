package org.coopstats.query;

import java.util.Map;
import java.util.Set;
import org.coopstats.common.PageRequest;
import org.coopstats.validation.TimePeriod;

/**
 * A request for observations: codes wanted per dimension (none listed: all), a period range,
 * providers and datasets, and the page.
 *
 * @param includeUnpublished true only for a dataset's own observations endpoint
 */
public record ObservationQuery(
    Map<String, Set<String>> codes,
    TimePeriod startPeriod,
    TimePeriod endPeriod,
    Set<String> providers,
    Set<Long> datasets,
    boolean includeUnpublished,
    PageRequest page) {}
