package org.coopstats.tabulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopstats.disclosure.CellOutcome;
import org.coopstats.disclosure.ProtectionResult;
import org.coopstats.disclosure.Status;
import org.coopstats.upload.RowSource;
import org.coopstats.validation.RowRef;
import org.coopstats.validation.SourceRow;
import org.coopstats.validation.TimePeriod;

/**
 * The cells a tabulation publishes, as upload rows: a free cell with its value, a suppressed one
 * with its CONF_STATUS (A, O, C primary; D secondary), OBS_STATUS Q (missing value; suppressed) and
 * no value at all. Hidden remainders are never written.
 */
final class DerivedRows {

  /** One written cell; value null when suppressed. */
  record PublishedCell(
      String key,
      String value,
      String confStatus,
      Status status,
      CellOutcome outcome,
      String unit) {}

  /** The OBS_STATUS of a value withheld for confidentiality: missing value; suppressed. */
  static final String SUPPRESSED = "Q";

  private final List<PublishedCell> published = new ArrayList<>();
  private final TimePeriod period;
  private final SeriesKeys keys;

  DerivedRows(
      CellPlan plan,
      CellTally tally,
      ProtectionResult protection,
      TimePeriod period,
      SeriesKeys keys) {
    this.period = period;
    this.keys = keys;
    for (int i = 0; i < plan.cells().size(); i++) {
      CellPlan.CellDef def = plan.cells().get(i);
      CellOutcome outcome = protection.outcomes().get(i);
      if (def.hidden() || outcome.status() == Status.HIDDEN) {
        continue;
      }
      boolean suppressed = outcome.status().suppressed();
      published.add(
          new PublishedCell(
              def.key(),
              suppressed ? null : tally.sum(i).toPlainString(),
              outcome.status().confStatus(),
              outcome.status(),
              outcome,
              def.table().unit()));
    }
  }

  List<PublishedCell> published() {
    return published;
  }

  /** Writes every cell, then a deletion for each key published before and no longer made. */
  void emit(RowSource.Sink sink, List<String> gone) {
    long index = 0;
    for (PublishedCell cell : published) {
      Map<String, String> values = keyColumns(cell.key());
      values.put("UNIT_MEASURE", cell.unit());
      values.put("UNIT_MULT", "0");
      values.put("CONF_STATUS", cell.confStatus());
      if (cell.value() == null) {
        values.put("OBS_STATUS", SUPPRESSED);
      } else {
        values.put("OBS_VALUE", cell.value());
      }
      sink.row(new SourceRow(RowRef.jsonIndex(index++), values));
    }
    for (String key : gone) {
      Map<String, String> values = keyColumns(key);
      values.put("ACTION", "D");
      sink.row(new SourceRow(RowRef.jsonIndex(index++), values));
    }
  }

  private Map<String, String> keyColumns(String key) {
    String[] codes = SeriesKeys.codes(key);
    Map<String, String> values = new HashMap<>();
    for (int d = 0; d < keys.dimensions().size(); d++) {
      values.put(keys.dimensions().get(d), codes[d]);
    }
    values.put("TIME_PERIOD", period.text());
    return values;
  }
}
