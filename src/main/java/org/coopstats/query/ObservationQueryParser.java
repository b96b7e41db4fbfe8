package org.coopstats.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Turns query-string parameters into an {@link ObservationQuery}, naming in a 400 every unknown
 * parameter, code or period.
 */
public class ObservationQueryParser {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10000;
  public static final List<String> CONTROL_PARAMETERS =
      List.of(
          "asOf",
          "includeHistory",
          "updatedAfter",
          "startPeriod",
          "endPeriod",
          "provider",
          "dataset",
          "offset",
          "limit",
          "format",
          "labels",
          "lang");

  private final DataStructure structure;

  public ObservationQueryParser(DataStructure structure) {
    this.structure = structure;
  }

  /** Every parameter name the query endpoints take. */
  public List<String> allowedParameters() {
    List<String> allowed = new ArrayList<>();
    structure.seriesDimensions().forEach(d -> allowed.add(d.id()));
    allowed.addAll(CONTROL_PARAMETERS);
    return allowed;
  }

  /**
   * @param fixedDatasetId the dataset of a dataset-scoped query, or null
   * @param insider whether the caller may see the dataset's unreleased values ({@code view})
   * @param now the present, which no query may look beyond
   */
  public ObservationQuery parse(
      Map<String, List<String>> parameters,
      Long fixedDatasetId,
      boolean insider,
      OffsetDateTime now) {
    List<String> problems = new ArrayList<>();
    Visibility visibility = visibility(parameters, insider, now, problems);
    Map<String, Set<String>> codes = new LinkedHashMap<>();
    for (DimensionDef dimension : structure.seriesDimensions()) {
      Set<String> wanted = QueryParameters.values(parameters, dimension.id());
      if (wanted.isEmpty()) {
        continue;
      }
      CodeList list = structure.codeList(dimension.codeListId());
      for (String code : wanted) {
        if (!list.contains(code)) {
          problems.add(
              "'"
                  + code
                  + "' is not a code of "
                  + dimension.id()
                  + " (code list "
                  + dimension.codeListId()
                  + ")");
        }
      }
      codes.put(dimension.id(), wanted);
    }
    TimePeriod start = period(parameters, "startPeriod", problems);
    TimePeriod end = period(parameters, "endPeriod", problems);
    if (start != null && end != null && start.start().isAfter(end.end())) {
      problems.add("startPeriod " + start + " is after endPeriod " + end);
    }
    Set<Long> datasets = new LinkedHashSet<>();
    if (fixedDatasetId != null) {
      datasets.add(fixedDatasetId);
    } else {
      for (String id : QueryParameters.values(parameters, "dataset")) {
        try {
          datasets.add(Long.parseLong(id));
        } catch (NumberFormatException e) {
          problems.add("dataset '" + id + "' is not a dataset id (a whole number)");
        }
      }
    }
    Integer offset = integer(parameters, "offset", problems);
    Integer limit = integer(parameters, "limit", problems);
    if (!problems.isEmpty()) {
      throw ProblemException.badRequest(String.join("; ", problems) + ".");
    }
    return new ObservationQuery(
        codes,
        start,
        end,
        QueryParameters.values(parameters, "provider"),
        datasets,
        visibility,
        PageRequest.of(offset, limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  private static Visibility visibility(
      Map<String, List<String>> parameters,
      boolean insider,
      OffsetDateTime now,
      List<String> problems) {
    OffsetDateTime asOf = timestamp(parameters, "asOf", problems);
    OffsetDateTime updatedAfter = timestamp(parameters, "updatedAfter", problems);
    String history = QueryParameters.single(parameters, "includeHistory");
    String view = QueryParameters.single(parameters, "view");
    boolean includeHistory = "true".equals(history);
    if (history != null && !includeHistory && !"false".equals(history)) {
      problems.add("includeHistory '" + history + "' must be true or false");
    }
    int modes =
        (asOf != null ? 1 : 0)
            + (updatedAfter != null ? 1 : 0)
            + (includeHistory ? 1 : 0)
            + (view != null ? 1 : 0);
    if (modes > 1) {
      problems.add("asOf, updatedAfter, includeHistory and view cannot be combined: give one");
      return Visibility.asOf(now);
    }
    if (asOf != null) {
      if (asOf.isAfter(now)) {
        problems.add(
            "asOf " + asOf + " is in the future: data can be read as of now at the latest");
      }
      return Visibility.asOf(asOf);
    }
    if (updatedAfter != null) {
      return new Visibility(Visibility.Kind.CHANGES, now, updatedAfter);
    }
    if (includeHistory) {
      return new Visibility(Visibility.Kind.HISTORY, now, null);
    }
    if (view != null) {
      Visibility.Kind kind =
          switch (view) {
            case "draft" -> Visibility.Kind.DRAFT;
            case "preview" -> Visibility.Kind.PREVIEW;
            case "published" -> Visibility.Kind.AS_OF;
            default -> null;
          };
      if (kind == null) {
        problems.add("view '" + view + "' is unknown: use published, draft or preview");
        return Visibility.asOf(now);
      }
      if (kind != Visibility.Kind.AS_OF && !insider) {
        throw ProblemException.forbidden(
            "view=" + view + " shows unreleased data: it needs a user of the dataset's provider.");
      }
      return new Visibility(kind, now, null);
    }
    return Visibility.asOf(now);
  }

  private static OffsetDateTime timestamp(
      Map<String, List<String>> parameters, String name, List<String> problems) {
    String raw = QueryParameters.single(parameters, name);
    if (raw == null) {
      return null;
    }
    Optional<OffsetDateTime> read = QueryParameters.timestamp(raw);
    if (read.isEmpty()) {
      String text = raw.replace(' ', '+');
      problems.add(
          name
              + " '"
              + text
              + "' is not a timestamp: use ISO 8601, e.g. 2026-01-31T12:00:00Z or 2026-01-31");
    }
    return read.orElse(null);
  }

  private static TimePeriod period(
      Map<String, List<String>> parameters, String name, List<String> problems) {
    String text = QueryParameters.single(parameters, name);
    if (text == null) {
      return null;
    }
    TimePeriod period = TimePeriod.parse(text).orElse(null);
    if (period == null) {
      problems.add(name + " '" + text + "' is not a period: use " + TimePeriod.FORMATS);
    }
    return period;
  }

  private static Integer integer(
      Map<String, List<String>> parameters, String name, List<String> problems) {
    String text = QueryParameters.single(parameters, name);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      problems.add(name + " '" + text + "' is not a whole number");
      return null;
    }
  }
}
