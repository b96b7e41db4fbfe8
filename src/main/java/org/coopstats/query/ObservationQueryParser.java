package org.coopstats.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
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
   * @param fixedDatasetId the dataset of a dataset-scoped query (its drafts are included), or null
   */
  public ObservationQuery parse(Map<String, List<String>> parameters, Long fixedDatasetId) {
    List<String> problems = new ArrayList<>();
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
        fixedDatasetId != null,
        PageRequest.of(offset, limit, DEFAULT_LIMIT, MAX_LIMIT));
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
