package org.coopstats.sdmx;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.Visibility;
import org.coopstats.validation.TimePeriod;

/**
 * A data query of the SDMX REST 2.x API ({@code /data/…/{key}} and its parameters) turned into the
 * {@link SdmxDataRequest} the writers take: what the database can select (codes per dimension, a
 * period range, the moment) in its {@link ObservationQuery}, the rest (several keys, {@code c[…]}
 * filters on periods, values and attributes, offset and limit) in its {@link SdmxRowSelection}.
 */
final class SdmxV3DataQuery {

  /** The query parameters besides {@code c[COMPONENT]}. */
  static final Set<String> PARAMETERS =
      Set.of(
          "updatedAfter",
          "firstNObservations",
          "lastNObservations",
          "dimensionAtObservation",
          "attributes",
          "measures",
          "includeHistory",
          "offset",
          "limit",
          "sort",
          "asOf",
          "reportingYearStartDay",
          "format");

  /** The orders of {@code sort} that are the order a message comes in anyway. */
  private static final Set<String> NATURAL_ORDERS =
      Set.of("*", "*:asc", "series_key", "series_key:asc", "series_key+TIME_PERIOD");

  private SdmxV3DataQuery() {}

  /** What the filters ask of one component: the filter, and where the row holds its value. */
  private record Filter(SdmxComponentFilter filter, int keyPosition, String component) {}

  static SdmxDataRequest parse(
      DataStructure structure,
      String key,
      Map<String, List<String>> parameters,
      OffsetDateTime now) {
    rejectUnknown(parameters.keySet());
    unsupported(parameters);
    SdmxV3Keys keys = SdmxV3Keys.parse(structure, key);
    List<Filter> filters = filters(structure, parameters);
    Map<String, Set<String>> codes = codes(structure, keys, filters);
    TimePeriod[] range = periodRange(structure, filters);
    Visibility visibility = visibility(parameters, now);
    Set<String> attributeIds =
        attributes(structure, QueryParameters.single(parameters, "attributes"));
    boolean measure = measure(QueryParameters.single(parameters, "measures"));
    SdmxDataRequest.Detail detail =
        measure ? SdmxDataRequest.Detail.FULL : SdmxDataRequest.Detail.SERIESKEYSONLY;
    boolean allDimensions =
        SdmxDataRequest.allDimensions(
            structure, QueryParameters.single(parameters, "dimensionAtObservation"));
    ObservationQuery query =
        new ObservationQuery(
            codes,
            range[0],
            range[1],
            Set.of(),
            Set.of(),
            visibility,
            new PageRequest(0, SdmxDataRequest.BATCH));
    SdmxRowSelection selection = selection(keys, filters, parameters, !measure);
    return new SdmxDataRequest(
        query,
        detail,
        SdmxDataRequest.positive(parameters, "firstNObservations"),
        SdmxDataRequest.positive(parameters, "lastNObservations"),
        allDimensions,
        attributeIds,
        measure,
        selection);
  }

  private static void rejectUnknown(Set<String> names) {
    for (String name : names) {
      if (PARAMETERS.contains(name) || SdmxComponentFilter.isFilter(name)) {
        continue;
      }
      String hint =
          name.equals("startPeriod") || name.equals("endPeriod")
              ? " SDMX REST 2.x filters periods with c[TIME_PERIOD], e.g."
                  + " c[TIME_PERIOD]=ge:2020+le:2023."
              : " Parameters: c[COMPONENT], "
                  + String.join(", ", PARAMETERS.stream().sorted().toList())
                  + ".";
      throw ProblemException.badRequest("Unknown query parameter '" + name + "'." + hint);
    }
  }

  /** The parts of the grammar this service does not answer: 501, as the standard says. */
  private static void unsupported(Map<String, List<String>> parameters) {
    String history = QueryParameters.single(parameters, "includeHistory");
    if (history != null && !history.equals("true") && !history.equals("false")) {
      throw ProblemException.badRequest("includeHistory '" + history + "' must be true or false.");
    }
    if ("true".equals(history)) {
      throw SdmxDataRequest.notImplemented(
          "includeHistory=true is not answered on the SDMX API: GET"
              + " /api/v1/observations?includeHistory=true gives every released version with its"
              + " validity, and asOf= reads the data as released at a moment.");
    }
    String sort = QueryParameters.single(parameters, "sort");
    if (sort != null && !NATURAL_ORDERS.contains(sort)) {
      throw SdmxDataRequest.notImplemented(
          "sort="
              + sort
              + " is not offered: messages come sorted by series key, then period"
              + " (sort=series_key).");
    }
    if (QueryParameters.single(parameters, "reportingYearStartDay") != null) {
      throw SdmxDataRequest.notImplemented(
          "reportingYearStartDay is not offered: every period here is a calendar period.");
    }
  }

  private static List<Filter> filters(
      DataStructure structure, Map<String, List<String>> parameters) {
    List<Filter> filters = new ArrayList<>();
    List<DimensionDef> series = structure.seriesDimensions();
    for (Map.Entry<String, String> entry : SdmxComponentFilter.components(parameters).entrySet()) {
      String component = entry.getKey();
      String expression = entry.getValue();
      int position = -1;
      for (int i = 0; i < series.size(); i++) {
        if (series.get(i).id().equals(component)) {
          position = i;
        }
      }
      SdmxComponentFilter.Order order = order(structure, component, position);
      filters.add(
          new Filter(SdmxComponentFilter.parse(component, expression, order), position, component));
    }
    return filters;
  }

  private static SdmxComponentFilter.Order order(
      DataStructure structure, String component, int position) {
    if (position >= 0 || structure.attribute(component).isPresent()) {
      return SdmxComponentFilter.Order.TEXT;
    }
    if (component.equals(structure.timeDimension().id())) {
      return SdmxComponentFilter.Order.PERIOD;
    }
    if (component.equals(SdmxStructureWriter.PRIMARY_MEASURE)) {
      return SdmxComponentFilter.Order.NUMBER;
    }
    throw ProblemException.badRequest(
        "c["
            + component
            + "]: "
            + component
            + " is not a component of "
            + structure.id()
            + ": filter on its dimensions, "
            + structure.timeDimension().id()
            + ", "
            + SdmxStructureWriter.PRIMARY_MEASURE
            + " or its attributes"
            + " (GET /sdmx/v3/structure/datastructure/"
            + structure.agency()
            + "/"
            + structure.id()
            + ").");
  }

  /**
   * The codes the database selects per series dimension: those the keys take there, narrowed to the
   * codes of the dimension's code list that pass its filter. A dimension nothing can pass makes the
   * query match nothing: 404.
   */
  private static Map<String, Set<String>> codes(
      DataStructure structure, SdmxV3Keys keys, List<Filter> filters) {
    Map<String, Set<String>> codes = new LinkedHashMap<>();
    List<DimensionDef> series = structure.seriesDimensions();
    for (int i = 0; i < series.size(); i++) {
      DimensionDef dimension = series.get(i);
      Set<String> wanted = keys.union(i);
      for (Filter filter : filters) {
        if (filter.keyPosition() == i) {
          Set<String> passing = new LinkedHashSet<>();
          for (Code code : structure.codeList(dimension.codeListId()).codes()) {
            if (filter.filter().test(code.id()) && (wanted == null || wanted.contains(code.id()))) {
              passing.add(code.id());
            }
          }
          wanted = passing;
        }
      }
      if (wanted != null) {
        if (wanted.isEmpty()) {
          throw ProblemException.notFound(
              "No data for this query: no code of "
                  + dimension.id()
                  + " passes its key and filter.");
        }
        codes.put(dimension.id(), wanted);
      }
    }
    return codes;
  }

  private static TimePeriod[] periodRange(DataStructure structure, List<Filter> filters) {
    TimePeriod start = null;
    TimePeriod end = null;
    for (Filter filter : filters) {
      if (filter.component().equals(structure.timeDimension().id())) {
        start = filter.filter().lowerPeriod();
        end = filter.filter().upperPeriod();
      }
    }
    return new TimePeriod[] {start, end};
  }

  private static Visibility visibility(Map<String, List<String>> parameters, OffsetDateTime now) {
    String updatedAfter = QueryParameters.single(parameters, "updatedAfter");
    String asOfText = QueryParameters.single(parameters, "asOf");
    if (asOfText != null) {
      OffsetDateTime asOf =
          QueryParameters.timestamp(asOfText)
              .orElseThrow(
                  () ->
                      ProblemException.badRequest(
                          "asOf '"
                              + asOfText.replace(' ', '+')
                              + "' is not a timestamp: use ISO 8601, e.g. 2026-01-31T12:00:00Z."));
      if (asOf.isAfter(now)) {
        throw ProblemException.badRequest(
            "asOf " + asOf + " is in the future: data can be read as of now at the latest.");
      }
      if (updatedAfter != null) {
        throw SdmxDataRequest.notImplemented(
            "asOf and updatedAfter together are not answered: the changes are read up to now.");
      }
      return Visibility.asOf(asOf);
    }
    if (updatedAfter != null) {
      return new Visibility(Visibility.Kind.CHANGES, now, SdmxDataRequest.timestamp(updatedAfter));
    }
    return Visibility.asOf(now);
  }

  /**
   * The attributes asked for: {@code dsd}, {@code all} or {@code obs} all of the structure's (every
   * attribute here is attached to the observation), {@code none}, {@code msd}, {@code dataset} or
   * {@code series} none, or attribute ids; null for all.
   */
  private static Set<String> attributes(DataStructure structure, String text) {
    if (text == null) {
      return null;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      switch (part) {
        case "dsd", "all", "obs" -> {
          return null;
        }
        case "none", "msd", "dataset", "series" -> {
          // none of these holds an attribute of this service's structures
        }
        default -> {
          if (structure.attribute(part).isEmpty()) {
            throw ProblemException.badRequest(
                "attributes: '"
                    + part
                    + "' is not an attribute of "
                    + structure.id()
                    + ". Use dsd,"
                    + " all, none, obs or attribute ids: "
                    + String.join(
                        ", ", structure.attributes().stream().map(AttributeDef::id).toList())
                    + ".");
          }
          ids.add(part);
        }
      }
    }
    return Set.copyOf(ids);
  }

  private static boolean measure(String text) {
    if (text == null) {
      return true;
    }
    boolean any = false;
    for (String part : text.split(",", -1)) {
      switch (part) {
        case "all", SdmxStructureWriter.PRIMARY_MEASURE -> any = true;
        case "none" -> {
          // no measure from this part
        }
        default ->
            throw ProblemException.badRequest(
                "measures: '"
                    + part
                    + "' is not a measure: the one measure is "
                    + SdmxStructureWriter.PRIMARY_MEASURE
                    + " (or use all, none).");
      }
    }
    return any;
  }

  private static SdmxRowSelection selection(
      SdmxV3Keys keys,
      List<Filter> filters,
      Map<String, List<String>> parameters,
      boolean seriesOnly) {
    long offset = count(parameters, "offset", 0);
    Long limit = parameters.containsKey("limit") ? count(parameters, "limit", 1) : null;
    boolean rowCheck = keys.needsRowCheck() || filters.stream().anyMatch(f -> f.keyPosition() < 0);
    if (!rowCheck && offset == 0 && limit == null) {
      return SdmxRowSelection.ALL;
    }
    Predicate<ObservationRow> keep = row -> keys.matches(row.key());
    for (Filter filter : filters) {
      keep = keep.and(row -> filter.filter().test(value(row, filter)));
    }
    return new SdmxRowSelection(keep, offset, limit, seriesOnly);
  }

  private static String value(ObservationRow row, Filter filter) {
    if (filter.keyPosition() >= 0) {
      return row.key().get(filter.keyPosition());
    }
    return switch (filter.filter().order()) {
      case PERIOD -> row.timePeriod();
      case NUMBER -> row.value() == null ? null : row.value().toPlainString();
      case TEXT -> row.attribute(filter.component());
    };
  }

  private static long count(Map<String, List<String>> parameters, String name, long least) {
    String text = QueryParameters.single(parameters, name);
    if (text == null) {
      return least == 0 ? 0 : 1;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= least) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        name + " '" + text + "' must be a whole number of " + least + " or more.");
  }
}
