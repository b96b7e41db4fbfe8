package org.coopstats.table;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.validation.TimePeriod;

/**
 * What a table is asked for: one area, one period or a range of them, optionally some providers or
 * datasets, the moment its data is read as of, and the language of its labels.
 *
 * @param asOf the moment asked for, or null for now
 */
public record TableRequest(
    String refArea,
    TimePeriod timePeriod,
    TimePeriod startPeriod,
    TimePeriod endPeriod,
    Set<String> providers,
    Set<Long> datasets,
    OffsetDateTime asOf,
    String lang) {

  /** The query parameters of the data endpoint, {@code format} included. */
  public static final List<String> PARAMETERS =
      List.of(
          "REF_AREA",
          "TIME_PERIOD",
          "startPeriod",
          "endPeriod",
          "provider",
          "dataset",
          "asOf",
          "lang",
          "format");

  /** Reads the parameters; a 400 says what is wrong. Codes are checked against the table later. */
  public static TableRequest parse(Map<String, List<String>> parameters) {
    String area = QueryParameters.single(parameters, "REF_AREA");
    if (area == null) {
      throw ProblemException.badRequest(
          "REF_AREA is required: the one area the table is about, e.g. REF_AREA=CAN.");
    }
    return new TableRequest(
        area,
        period(parameters, "TIME_PERIOD"),
        period(parameters, "startPeriod"),
        period(parameters, "endPeriod"),
        QueryParameters.values(parameters, "provider"),
        datasets(parameters),
        asOf(parameters),
        lang(parameters));
  }

  /** The language of labels: en (default), fr or es. */
  public static String lang(Map<String, List<String>> parameters) {
    String lang = QueryParameters.single(parameters, "lang");
    if (lang == null) {
      return "en";
    }
    if (!List.of("en", "fr", "es").contains(lang)) {
      throw ProblemException.badRequest("lang '" + lang + "' is not offered: use en, fr or es.");
    }
    return lang;
  }

  private static TimePeriod period(Map<String, List<String>> parameters, String name) {
    return QueryParameters.parsed(
        parameters, name, TimePeriod::parse, "a period: use " + TimePeriod.FORMATS);
  }

  private static Set<Long> datasets(Map<String, List<String>> parameters) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String id : QueryParameters.values(parameters, "dataset")) {
      try {
        ids.add(Long.parseLong(id));
      } catch (NumberFormatException e) {
        throw ProblemException.badRequest(
            "dataset '" + id + "' is not a dataset id (a whole number).");
      }
    }
    return ids;
  }

  private static OffsetDateTime asOf(Map<String, List<String>> parameters) {
    return QueryParameters.parsed(
        parameters,
        "asOf",
        QueryParameters::timestamp,
        "a timestamp: use ISO 8601, e.g. 2026-01-31T12:00:00Z or 2026-01-31");
  }
}
