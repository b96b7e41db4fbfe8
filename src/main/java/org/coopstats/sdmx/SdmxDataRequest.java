package org.coopstats.sdmx;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.Visibility;
import org.coopstats.validation.TimePeriod;

/**
 * An SDMX 2.1 data query ({@code /data/{flowRef}/{key}/{providerRef}} and its parameters) turned
 * into an {@link ObservationQuery} of released data, plus what shapes the message.
 */
record SdmxDataRequest(
    ObservationQuery query,
    Detail detail,
    Integer firstN,
    Integer lastN,
    boolean allDimensions,
    Set<String> attributeIds,
    boolean measure,
    SdmxRowSelection selection) {

  /** A request whose rows are all those the database reads (no SDMX 3.0 selection). */
  SdmxDataRequest(
      ObservationQuery query,
      Detail detail,
      Integer firstN,
      Integer lastN,
      boolean allDimensions,
      Set<String> attributeIds,
      boolean measure) {
    this(query, detail, firstN, lastN, allDimensions, attributeIds, measure, SdmxRowSelection.ALL);
  }

  enum Detail {
    FULL,
    DATAONLY,
    SERIESKEYSONLY,
    NODATA
  }

  /** Whether the message carries observations (detail full or dataonly). */
  boolean withObservations() {
    return detail == Detail.FULL || detail == Detail.DATAONLY;
  }

  /** Whether the message carries attributes (detail full, and at least one asked for). */
  boolean withAttributes() {
    return detail == Detail.FULL && (attributeIds == null || !attributeIds.isEmpty());
  }

  /**
   * The attributes the message carries, in the structure's order: all with detail full, unless the
   * SDMX 3.0 {@code attributes} parameter chose some ({@link #attributeIds}, null for all).
   */
  List<AttributeDef> attributesOf(DataStructure structure) {
    if (!withAttributes()) {
      return List.of();
    }
    return structure.attributes().stream()
        .filter(a -> attributeIds == null || attributeIds.contains(a.id()))
        .toList();
  }

  /** Whether observations carry their value (OBS_VALUE): not with the SDMX 3.0 measures=none. */
  boolean withMeasure() {
    return measure && withObservations();
  }

  /** The dimension at the observation level: the time dimension or AllDimensions. */
  String dimensionAtObservation(DataStructure structure) {
    return allDimensions ? "AllDimensions" : structure.timeDimension().id();
  }

  static final List<String> PARAMETERS =
      List.of(
          "startPeriod",
          "endPeriod",
          "updatedAfter",
          "firstNObservations",
          "lastNObservations",
          "detail",
          "dimensionAtObservation",
          "includeHistory",
          "format");

  /** The observations read per round trip to the database. */
  static final int BATCH = 10_000;

  static SdmxDataRequest parse(
      DataStructure structure,
      String flowRef,
      String key,
      String providerRef,
      Map<String, List<String>> parameters,
      OffsetDateTime now) {
    requireFlow(structure, flowRef);
    Map<String, Set<String>> codes = key(structure, key);
    Set<String> providers = new LinkedHashSet<>();
    if (providerRef != null && !providerRef.isBlank() && !providerRef.equals("all")) {
      for (String part : providerRef.split("\\+")) {
        String id = part.substring(part.lastIndexOf(',') + 1).trim();
        if (!id.isEmpty()) {
          providers.add(id);
        }
      }
    }
    TimePeriod start = period(parameters, "startPeriod", true);
    TimePeriod end = period(parameters, "endPeriod", false);
    if (start != null && end != null && start.start().isAfter(end.end())) {
      throw ProblemException.badRequest(
          "startPeriod " + start + " is after endPeriod " + end + ".");
    }
    String history = QueryParameters.single(parameters, "includeHistory");
    if (history != null && !history.equals("true") && !history.equals("false")) {
      throw ProblemException.badRequest(
          "includeHistory is '" + history + "': use true or false (false is the default).");
    }
    if ("true".equals(history)) {
      throw notImplemented(
          "includeHistory=true is not supported on the SDMX API: use GET"
              + " /api/v1/observations?includeHistory=true.");
    }
    Visibility visibility = Visibility.asOf(now);
    String updatedAfter = QueryParameters.single(parameters, "updatedAfter");
    if (updatedAfter != null) {
      visibility = new Visibility(Visibility.Kind.CHANGES, now, timestamp(updatedAfter));
    }
    Detail detail = Detail.FULL;
    String detailText = QueryParameters.single(parameters, "detail");
    if (detailText != null) {
      try {
        detail = Detail.valueOf(detailText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest(
            "detail '"
                + detailText
                + "' is unknown: use full, dataonly, serieskeysonly or nodata.");
      }
    }
    boolean allDimensions =
        allDimensions(structure, QueryParameters.single(parameters, "dimensionAtObservation"));
    Integer firstN = positive(parameters, "firstNObservations");
    Integer lastN = positive(parameters, "lastNObservations");
    ObservationQuery query =
        new ObservationQuery(
            codes, start, end, providers, Set.of(), visibility, new PageRequest(0, BATCH));
    return new SdmxDataRequest(query, detail, firstN, lastN, allDimensions, null, true);
  }

  /**
   * Whether {@code dimensionAtObservation} asks for AllDimensions (true) or the time dimension
   * (false, also when absent); another dimension is not implemented, an unknown one is a bad
   * request.
   */
  static boolean allDimensions(DataStructure structure, String atObservation) {
    if (atObservation == null || atObservation.equals(structure.timeDimension().id())) {
      return false;
    }
    if (atObservation.equals("AllDimensions")) {
      return true;
    }
    if (structure.dimension(atObservation).isPresent()) {
      throw notImplemented(
          "dimensionAtObservation="
              + atObservation
              + " is not supported: use TIME_PERIOD (the default) or AllDimensions.");
    }
    throw ProblemException.badRequest(
        "dimensionAtObservation '" + atObservation + "' is not a dimension of the structure.");
  }

  /** Accepts {@code ID}, {@code AGENCY,ID} and {@code AGENCY,ID,VERSION} naming the dataflow. */
  static void requireFlow(DataStructure structure, String flowRef) {
    String[] parts = flowRef.split(",", -1);
    String agency = parts.length >= 2 ? parts[0] : "all";
    String id = parts.length >= 2 ? parts[1] : parts[0];
    String version = parts.length >= 3 ? parts[2] : "latest";
    if (parts.length > 3
        || !SdmxStructures.matches(agency, structure.agency())
        || !id.equals(structure.id())
        || !SdmxStructures.matchesVersion(version, structure.version())) {
      throw ProblemException.notFound(
          "No dataflow '"
              + flowRef
              + "'. The dataflow is "
              + structure.agency()
              + ","
              + structure.id()
              + ","
              + structure.version()
              + " (GET /sdmx/v2.1/dataflow).");
    }
  }

  private static Map<String, Set<String>> key(DataStructure structure, String key) {
    Map<String, Set<String>> codes = new LinkedHashMap<>();
    List<DimensionDef> dimensions = structure.seriesDimensions();
    if (key == null || key.isBlank() || key.equals("all")) {
      return codes;
    }
    String[] positions = key.split("\\.", -1);
    if (positions.length != dimensions.size()) {
      throw ProblemException.badRequest(
          "The key '"
              + key
              + "' has "
              + positions.length
              + " positions; the structure has "
              + dimensions.size()
              + ": "
              + String.join(".", dimensions.stream().map(DimensionDef::id).toList())
              + ". Leave a position empty for all its codes, join codes with '+'.");
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i].isEmpty()) {
        continue;
      }
      DimensionDef dimension = dimensions.get(i);
      CodeList list = structure.codeList(dimension.codeListId());
      Set<String> wanted = new LinkedHashSet<>();
      for (String code : positions[i].split("\\+")) {
        if (code.isEmpty()) {
          continue;
        }
        if (!list.contains(code)) {
          unknown.add("'" + code + "' is not a code of " + dimension.id());
        }
        wanted.add(code);
      }
      codes.put(dimension.id(), wanted);
    }
    if (!unknown.isEmpty()) {
      throw ProblemException.notFound(
          "No data for the key '" + key + "': " + String.join("; ", unknown) + ".");
    }
    return codes;
  }

  private static TimePeriod period(
      Map<String, List<String>> parameters, String name, boolean isStart) {
    String text = QueryParameters.single(parameters, name);
    if (text == null) {
      return null;
    }
    TimePeriod period = SdmxComponentFilter.period(text);
    if (period == null) {
      throw ProblemException.badRequest(
          name + " '" + text + "' is not a period: use YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.");
    }
    return period;
  }

  static OffsetDateTime timestamp(String raw) {
    return QueryParameters.timestamp(raw)
        .orElseThrow(
            () ->
                ProblemException.badRequest(
                    "updatedAfter '"
                        + raw.replace(' ', '+')
                        + "' is not a timestamp: use ISO 8601, e.g. 2026-01-31T12:00:00Z."));
  }

  static Integer positive(Map<String, List<String>> parameters, String name) {
    String text = QueryParameters.single(parameters, name);
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        name + " '" + text + "' must be a whole number of 1 or more.");
  }

  static ProblemException notImplemented(String detail) {
    return new ProblemException(501, "not-implemented", "Not implemented", detail);
  }
}
