package org.coopstats.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.Page;
import org.coopstats.common.ProblemException;
import org.coopstats.observation.ObservationRow;
import org.coopstats.validation.TimePeriod;

/**
 * Writes one page of observations as a JSON-stat 2.0 dataset (https://json-stat.org/format/): the
 * structure's series dimensions in key order, then TIME_PERIOD; in each, the codes that occur in
 * the page, in code-list order, labelled in the language asked for; {@code value} in row-major
 * order with null for a cell without an observation (an object of index to value above {@link
 * #MAX_DENSE_CELLS} cells); {@code status} the OBS_STATUS of each observation, by index.
 *
 * <p>A cube has one value per cell: a page holding two values for one cell (the same key and period
 * from two datasets) is refused with a 400 that tells how to narrow the query.
 */
public final class JsonStatRenderer {

  /** Above this many cells {@code value} and {@code status} are sent as objects (sparse). */
  static final long MAX_DENSE_CELLS = 1_000_000;

  private static final List<String> LANGUAGES = List.of("en", "fr", "es");

  /** The attribute JSON-stat's {@code status} shows. */
  private static final String STATUS = "OBS_STATUS";

  private final DataStructure structure;
  private final String lang;

  public JsonStatRenderer(DataStructure structure, String lang) {
    this.structure = structure;
    this.lang = lang == null ? "en" : lang.toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(this.lang)) {
      throw ProblemException.badRequest(
          "lang '" + lang + "' is not offered: use " + String.join(", ", LANGUAGES) + ".");
    }
  }

  /**
   * @param updated when the published data last changed
   * @param next the link to the next page, or null on the last one
   */
  public Map<String, Object> dataset(
      Page<ObservationRow> page, OffsetDateTime updated, String next) {
    List<ObservationRow> rows = page.items();
    List<List<String>> categories = categories(rows);
    List<Integer> sizes = categories.stream().map(List::size).toList();
    Cells cells = cells(rows, categories, sizes);
    Map<String, Object> body = new LinkedHashMap<>();
    // "version" first: some readers (json-stat-java) need it before "dimension".
    body.put("version", "2.0");
    body.put("class", "dataset");
    body.put("label", structure.nameEn());
    body.put("source", "CoopStats");
    body.put(
        "updated", updated.toInstant().truncatedTo(ChronoUnit.SECONDS).toString()); // ISO 8601, UTC
    body.put("id", ids());
    body.put("size", sizes);
    body.put("role", roles());
    body.put("dimension", dimensions(categories));
    body.put("value", values(cells.values, rows.isEmpty() ? 0 : cellCount(sizes)));
    body.put("status", stringKeys(cells.statuses));
    body.put("extension", extension(page, cells, next));
    return body;
  }

  /** The series dimensions in key order, then the time dimension. */
  private List<String> ids() {
    List<String> ids = new ArrayList<>();
    structure.seriesDimensions().forEach(d -> ids.add(d.id()));
    ids.add(structure.timeDimension().id());
    return ids;
  }

  /** The categories of each dimension: the codes present, in code-list order; periods by date. */
  private List<List<String>> categories(List<ObservationRow> rows) {
    List<DimensionDef> series = structure.seriesDimensions();
    List<List<String>> categories = new ArrayList<>();
    for (int d = 0; d < series.size(); d++) {
      int position = d;
      CodeList list = structure.codeList(series.get(d).codeListId());
      Map<String, Integer> order = new HashMap<>();
      for (int i = 0; i < list.codes().size(); i++) {
        order.put(list.codes().get(i).id(), i);
      }
      Set<String> present = new LinkedHashSet<>();
      rows.forEach(row -> present.add(row.key().get(position)));
      List<String> sorted = new ArrayList<>(present);
      sorted.sort(
          Comparator.comparing((String code) -> order.getOrDefault(code, Integer.MAX_VALUE))
              .thenComparing(Comparator.naturalOrder()));
      categories.add(sorted);
    }
    Set<String> periods = new LinkedHashSet<>();
    rows.forEach(row -> periods.add(row.timePeriod()));
    List<String> sortedPeriods = new ArrayList<>(periods);
    sortedPeriods.sort(
        Comparator.comparing(
                (String p) -> TimePeriod.parse(p).map(TimePeriod::start).orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Comparator.naturalOrder()));
    categories.add(sortedPeriods);
    return categories;
  }

  private static long cellCount(List<Integer> sizes) {
    long cells = 1;
    for (int size : sizes) {
      cells = Math.min(cells * size, Long.MAX_VALUE / 1024);
    }
    return cells;
  }

  /** The page's values and statuses by cell, and where they come from. */
  private static final class Cells {
    final TreeMap<Long, BigDecimal> values = new TreeMap<>();
    final TreeMap<Long, String> statuses = new TreeMap<>();
    final Map<Long, Long> datasetOfCell = new HashMap<>();
    final Set<Long> datasets = new LinkedHashSet<>();
    final Set<String> providers = new LinkedHashSet<>();
  }

  /** Puts each observation in its cell: row-major, the last dimension varying fastest. */
  private Cells cells(
      List<ObservationRow> rows, List<List<String>> categories, List<Integer> sizes) {
    List<Map<String, Integer>> indexes = new ArrayList<>();
    categories.forEach(
        list -> {
          Map<String, Integer> index = new HashMap<>();
          for (int i = 0; i < list.size(); i++) {
            index.put(list.get(i), i);
          }
          indexes.add(index);
        });
    int series = structure.seriesDimensions().size();
    Cells cells = new Cells();
    for (ObservationRow row : rows) {
      long cell = 0;
      for (int d = 0; d < sizes.size(); d++) {
        String code = d < series ? row.key().get(d) : row.timePeriod();
        cell = cell * sizes.get(d) + indexes.get(d).get(code);
      }
      Long before = cells.datasetOfCell.put(cell, row.datasetId());
      if (before != null) {
        throw twoValues(before, row);
      }
      cells.values.put(cell, row.value());
      String status = row.attribute(STATUS);
      if (status != null) {
        cells.statuses.put(cell, status);
      }
      cells.datasets.add(row.datasetId());
      cells.providers.add(row.providerId());
    }
    return cells;
  }

  private static ProblemException twoValues(long before, ObservationRow row) {
    return ProblemException.badRequest(
        "Datasets "
            + before
            + " and "
            + row.datasetId()
            + " both have a value for "
            + String.join(".", row.key())
            + " in "
            + row.timePeriod()
            + ", and a JSON-stat cube holds one value per cell: add dataset= or provider= to"
            + " the query, or use format=json or csv.");
  }

  private Map<String, List<String>> roles() {
    Map<String, List<String>> role = new LinkedHashMap<>();
    role.put("time", List.of(structure.timeDimension().id()));
    role.put("geo", List.of(DataStructure.REF_AREA));
    role.put("metric", List.of(DataStructure.MEASURE));
    return role;
  }

  /** Each dimension's label and categories (index and labels in the language asked for). */
  private Map<String, Object> dimensions(List<List<String>> categories) {
    List<DimensionDef> series = structure.seriesDimensions();
    List<String> ids = ids();
    Map<String, Object> dimensions = new LinkedHashMap<>();
    for (int d = 0; d < ids.size(); d++) {
      Map<String, Object> category = new LinkedHashMap<>();
      category.put("index", categories.get(d));
      Map<String, String> labels = new LinkedHashMap<>();
      CodeList list = d < series.size() ? structure.codeList(series.get(d).codeListId()) : null;
      for (String code : categories.get(d)) {
        labels.put(code, list == null ? code : list.label(code, lang));
      }
      category.put("label", labels);
      Map<String, Object> dimension = new LinkedHashMap<>();
      DimensionDef def = d < series.size() ? series.get(d) : structure.timeDimension();
      dimension.put("label", def.nameEn());
      dimension.put("category", category);
      dimensions.put(ids.get(d), dimension);
    }
    return dimensions;
  }

  /** An array with null for an empty cell, or above {@link #MAX_DENSE_CELLS} an object. */
  private static Object values(TreeMap<Long, BigDecimal> values, long cells) {
    if (cells > MAX_DENSE_CELLS) {
      return stringKeys(values);
    }
    List<BigDecimal> dense = new ArrayList<>((int) cells);
    for (long i = 0; i < cells; i++) {
      dense.add(values.get(i));
    }
    return dense;
  }

  private Map<String, Object> extension(Page<ObservationRow> page, Cells cells, String next) {
    Map<String, Object> extension = new LinkedHashMap<>();
    extension.put("structure", structure.id());
    extension.put("datasets", cells.datasets);
    extension.put("providers", cells.providers);
    extension.put("total", page.total());
    extension.put("offset", page.offset());
    extension.put("limit", page.limit());
    extension.put("next", next);
    return extension;
  }

  private static <T> Map<String, T> stringKeys(TreeMap<Long, T> map) {
    Map<String, T> result = new LinkedHashMap<>();
    map.forEach((key, value) -> result.put(Long.toString(key), value));
    return result;
  }
}
