package org.coopstats.observation;

import java.util.Map;
import java.util.Set;
import org.coopstats.common.PageRequest;
import org.coopstats.validation.TimePeriod;

/**
 * A request for observations: codes wanted per dimension (none listed: all), a period range,
 * providers and datasets, and the page.
 *
 * @param visibility which values: as of a moment, history, changes, draft or preview
 */
public record ObservationQuery(
    Map<String, Set<String>> codes,
    TimePeriod startPeriod,
    TimePeriod endPeriod,
    Set<String> providers,
    Set<Long> datasets,
    Visibility visibility,
    PageRequest page) {}
