package org.coopstats.tabulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.coopstats.disclosure.CellOutcome;
import org.coopstats.disclosure.ProtectionResult;

/**
 * A tabulation's protection report: how many cells, suppressed by which rule, and for each
 * suppressed cell the interval of values consistent with everything published (the audit's, which
 * an intruder could compute too). No unit's figure and no suppressed value is in it.
 */
final class TabulationSummary {

  private TabulationSummary() {}

  static String json(
      ObjectMapper json,
      DerivedRows rows,
      ProtectionResult protection,
      long units,
      Optional<Long> baseline,
      Map<String, Long> timings) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("units", units);
    summary.put("cells", rows.published().size());
    Map<String, Integer> byStatus = new TreeMap<>();
    List<Map<String, Object>> suppressed = new ArrayList<>();
    for (DerivedRows.PublishedCell cell : rows.published()) {
      byStatus.merge(cell.confStatus(), 1, Integer::sum);
      if (cell.value() == null) {
        CellOutcome outcome = cell.outcome();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", cell.key());
        entry.put("confStatus", cell.confStatus());
        entry.put("rule", cell.status().name());
        entry.put("low", finite(outcome.low()));
        entry.put("high", finite(outcome.high()));
        suppressed.add(entry);
      }
    }
    summary.put("byConfStatus", byStatus);
    summary.put("primary", protection.primary());
    summary.put("secondary", protection.secondary());
    summary.put("linearPrograms", protection.linearPrograms());
    summary.put("revisionOf", baseline.orElse(null));
    summary.put("timings", timings);
    summary.put("suppressed", suppressed);
    try {
      return json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bound as JSON: null when unbounded. */
  private static Double finite(double bound) {
    return Double.isFinite(bound) ? bound : null;
  }
}
