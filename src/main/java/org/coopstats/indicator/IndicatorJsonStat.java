package org.coopstats.indicator;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coopstats.catalog.CodeList;
import org.coopstats.common.Page;
import org.coopstats.validation.TimePeriod;

/**
 * A page of an indicator's values as a JSON-stat 2.0 dataset: dimensions INDICATOR (one category,
 * the metric, with its unit and decimals), REF_AREA and TIME_PERIOD; null where a cell has no
 * value; {@code status} the OBS_STATUS of each value; {@code extension.inputs} the numerator and
 * denominator of each cell (or why it has no value), by cell index.
 */
final class IndicatorJsonStat {

  private final IndicatorDef definition;
  private final CodeList areas;
  private final String lang;

  /**
   * @param areas the code list of REF_AREA, for the labels
   */
  IndicatorJsonStat(IndicatorDef definition, CodeList areas, String lang) {
    this.definition = definition;
    this.areas = areas;
    this.lang = lang == null ? "en" : lang;
  }

  Map<String, Object> dataset(Page<IndicatorValue> page, OffsetDateTime updated, String next) {
    List<IndicatorValue> values = page.items();
    List<String> areaCodes = areaCodes(values);
    List<String> periods = periods(values);
    Map<String, Integer> areaIndex = index(areaCodes);
    Map<String, Integer> periodIndex = index(periods);
    List<Object> cells = new ArrayList<>();
    for (int i = 0; i < areaCodes.size() * periods.size(); i++) {
      cells.add(null);
    }
    Map<String, String> status = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
    Map<String, Object> inputs = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
    for (IndicatorValue value : values) {
      int cell = areaIndex.get(value.area()) * periods.size() + periodIndex.get(value.period());
      cells.set(cell, value.value());
      status.put(String.valueOf(cell), value.obsStatus());
      inputs.put(String.valueOf(cell), IndicatorViews.ValueView.of(value, definition));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "2.0"); // first: some readers need it before "dimension"
    body.put("class", "dataset");
    body.put("label", definition.name(lang));
    body.put("source", "CoopStats");
    body.put("updated", updated.toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
    body.put("id", List.of("INDICATOR", "REF_AREA", "TIME_PERIOD"));
    body.put("size", List.of(1, areaCodes.size(), periods.size()));
    body.put(
        "role",
        Map.of(
            "metric",
            List.of("INDICATOR"),
            "geo",
            List.of("REF_AREA"),
            "time",
            List.of("TIME_PERIOD")));
    body.put("dimension", dimensions(areaCodes, periods));
    body.put("value", cells);
    body.put("status", status);
    Map<String, Object> extension = new LinkedHashMap<>();
    extension.put("total", page.total());
    if (next != null) {
      extension.put("next", next);
    }
    extension.put("inputs", inputs);
    body.put("extension", extension);
    return body;
  }

  private Map<String, Object> dimensions(List<String> areaCodes, List<String> periods) {
    Map<String, Object> unit = new LinkedHashMap<>();
    unit.put("label", definition.unit());
    unit.put("decimals", definition.decimals());
    Map<String, Object> indicator = new LinkedHashMap<>();
    indicator.put("index", List.of(definition.id()));
    indicator.put("label", Map.of(definition.id(), definition.name(lang)));
    indicator.put("unit", Map.of(definition.id(), unit));
    Map<String, String> areaLabels = new LinkedHashMap<>();
    areaCodes.forEach(code -> areaLabels.put(code, areas.label(code, lang)));
    Map<String, Object> dimensions = new LinkedHashMap<>();
    dimensions.put("INDICATOR", Map.of("label", "Indicator", "category", indicator));
    dimensions.put(
        "REF_AREA",
        Map.of(
            "label",
            "Reference area",
            "category",
            Map.of("index", areaCodes, "label", areaLabels)));
    dimensions.put(
        "TIME_PERIOD", Map.of("label", "Reference period", "category", Map.of("index", periods)));
    return dimensions;
  }

  /** The areas of the page, in code-list order. */
  private List<String> areaCodes(List<IndicatorValue> values) {
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < areas.codes().size(); i++) {
      order.put(areas.codes().get(i).id(), i);
    }
    LinkedHashSet<String> present = new LinkedHashSet<>();
    values.forEach(v -> present.add(v.area()));
    List<String> sorted = new ArrayList<>(present);
    sorted.sort(Comparator.comparing((String c) -> order.getOrDefault(c, Integer.MAX_VALUE)));
    return sorted;
  }

  /** The periods of the page, by their first day. */
  private static List<String> periods(List<IndicatorValue> values) {
    LinkedHashSet<String> present = new LinkedHashSet<>();
    values.forEach(v -> present.add(v.period()));
    List<String> sorted = new ArrayList<>(present);
    sorted.sort(
        Comparator.comparing((String p) -> TimePeriod.parse(p).orElseThrow().start())
            .thenComparing(Comparator.naturalOrder()));
    return sorted;
  }

  private static Map<String, Integer> index(List<String> codes) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      index.put(codes.get(i), i);
    }
    return index;
  }
}
