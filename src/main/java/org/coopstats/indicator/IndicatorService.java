package org.coopstats.indicator;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.catalog.MeasureDef;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.common.Validators;
import org.coopstats.indicator.IndicatorDef.Input;
import org.coopstats.observation.ObservationCursor;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationRow;
import org.coopstats.query.DataValidators;
import org.coopstats.query.ObservationQueryParser;
import org.coopstats.query.ObservationQueryRepository;
import org.coopstats.validation.TimePeriod;

/**
 * Indicators computed from released data only: each input is read through the observation query
 * (the released values as of the moment asked for, exactly what GET /api/v1/observations serves),
 * so an unreleased input is as if it did not exist.
 */
@ApplicationScoped
public class IndicatorService {

  /** The parameters of a values query. */
  public static final List<String> VALUE_PARAMETERS =
      List.of(
          DataStructure.REF_AREA,
          "startPeriod",
          "endPeriod",
          "provider",
          "denominatorProvider",
          "asOf",
          "lang",
          "format",
          "offset",
          "limit");

  /** The dimension of the derived structure that names the indicator. */
  static final String INDICATOR = "INDICATOR";

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 10000;

  private final IndicatorRepository definitions;
  private final CatalogService catalog;
  private final ObservationQueryRepository observations;
  private final ReleaseVersions versions;
  private final DataValidators dataValidators;
  private final QueryBulkhead bulkhead;
  private final Clock clock;

  public IndicatorService(
      IndicatorRepository definitions,
      CatalogService catalog,
      ObservationQueryRepository observations,
      ReleaseVersions versions,
      DataValidators dataValidators,
      QueryBulkhead bulkhead,
      Clock clock) {
    this.definitions = definitions;
    this.catalog = catalog;
    this.observations = observations;
    this.versions = versions;
    this.dataValidators = dataValidators;
    this.bulkhead = bulkhead;
    this.clock = clock;
  }

  public Page<IndicatorDef> list(PageRequest page) {
    List<IndicatorDef> all = new ArrayList<>(definitions.all().values());
    return page(all, page);
  }

  public Optional<IndicatorDef> find(String id) {
    return Optional.ofNullable(definitions.all().get(id));
  }

  public IndicatorDef get(String id) {
    return find(id)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "There is no indicator '" + id + "' (GET /api/v1/indicators lists them)."));
  }

  /**
   * The codes an input fixes for every series dimension but the area: its own, else _T where the
   * dimension applies to the measure, _Z where it does not.
   */
  public Map<String, String> key(Input input) {
    DataStructure structure = structure(input);
    MeasureDef measure = structure.measures().get(input.measure());
    Map<String, String> key = new LinkedHashMap<>();
    for (DimensionDef dimension : structure.seriesDimensions()) {
      String id = dimension.id();
      if (id.equals(DataStructure.REF_AREA)) {
        continue;
      }
      String code = input.codes().get(id);
      if (id.equals(DataStructure.MEASURE)) {
        code = input.measure();
      } else if (code == null) {
        boolean applies =
            structure.applies(
                dimension, measure, d -> input.codes().getOrDefault(d, DataStructure.TOTAL));
        code = applies ? DataStructure.TOTAL : DataStructure.NOT_APPLICABLE;
      }
      key.put(id, code);
    }
    return key;
  }

  /** The validators of a values answer: those of every answer built from released data. */
  public Validators validators(String variant) {
    return dataValidators.released(OffsetDateTime.now(clock), variant, false);
  }

  /**
   * The values of an indicator for the query's areas and periods, a page of them; read within the
   * bound on queries at once, as every public read of observations (503 beyond it).
   */
  public Page<IndicatorValue> values(String id, Map<String, List<String>> parameters) {
    return bulkhead.run(() -> compute(id, parameters));
  }

  private Page<IndicatorValue> compute(String id, Map<String, List<String>> parameters) {
    IndicatorDef definition = get(id);
    PageRequest page =
        PageRequest.of(
            integer(parameters, "offset"), integer(parameters, "limit"), DEFAULT_LIMIT, MAX_LIMIT);
    return page(all(definition, parameters), page);
  }

  /** Every value of an indicator for the query's areas and periods, by area then period. */
  private List<IndicatorValue> all(IndicatorDef definition, Map<String, List<String>> parameters) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    TimePeriod start = period(parameters, "startPeriod");
    List<InputValue> numerators;
    List<InputValue> denominators;
    if (definition.kind() == IndicatorDef.Kind.CHANGE) {
      String before = start == null ? null : IndicatorCalculator.yearBefore(start.text());
      denominators = read(definition.numerator(), providers(parameters), parameters, before, now);
      numerators =
          denominators.stream()
              .filter(
                  v ->
                      start == null
                          || TimePeriod.parse(v.period())
                                  .orElseThrow()
                                  .start()
                                  .compareTo(start.start())
                              >= 0)
              .toList();
    } else {
      String from = start == null ? null : start.text();
      numerators = read(definition.numerator(), providers(parameters), parameters, from, now);
      denominators =
          read(
              definition.denominator(),
              denominatorProviders(definition, parameters),
              parameters,
              from,
              now);
    }
    IndicatorCalculator calculator = new IndicatorCalculator(definition, bothMoney(definition));
    return calculator.compute(numerators, denominators);
  }

  /**
   * The values of the indicators {@code query} asks for (its INDICATOR codes, or every indicator)
   * as rows of the derived structure {@code derived} (INDICATOR, REF_AREA, TIME_PERIOD), in
   * indicator, area and period order: for SDMX data messages, read by the caller within its place
   * in the query bulkhead. A value that cannot be computed is a row without value, OBS_STATUS M,
   * and COMMENT_OBS saying why; a computed one names its numerator and denominator there.
   */
  public List<ObservationRow> derivedRows(DataStructure derived, ObservationQuery query) {
    Map<String, List<String>> parameters = new HashMap<>();
    Set<String> areas = query.codes().getOrDefault(DataStructure.REF_AREA, Set.of());
    if (!areas.isEmpty()) {
      parameters.put(DataStructure.REF_AREA, List.of(String.join(",", areas)));
    }
    if (query.startPeriod() != null) {
      parameters.put("startPeriod", List.of(query.startPeriod().text()));
    }
    if (query.endPeriod() != null) {
      parameters.put("endPeriod", List.of(query.endPeriod().text()));
    }
    if (!query.providers().isEmpty()) {
      parameters.put("provider", List.of(String.join(",", query.providers())));
    }
    Set<String> wanted = query.codes().getOrDefault(INDICATOR, Set.of());
    List<String> attributeIds = derived.attributes().stream().map(a -> a.id()).toList();
    List<ObservationRow> rows = new ArrayList<>();
    for (IndicatorDef definition : definitions.all().values()) {
      if (wanted.isEmpty() || wanted.contains(definition.id())) {
        for (IndicatorValue value : all(definition, parameters)) {
          rows.add(row(definition, value, attributeIds, derived.agency()));
        }
      }
    }
    return rows;
  }

  private static ObservationRow row(
      IndicatorDef definition, IndicatorValue value, List<String> attributeIds, String agency) {
    Map<String, String> attributes =
        Map.of(
            "OBS_STATUS", value.obsStatus(),
            "CONF_STATUS", value.confStatus(),
            "UNIT_MEASURE", definition.unit(),
            "UNIT_MULT", "0",
            "COMMENT_OBS", value.problem() != null ? value.problem() : lineage(definition, value));
    return new ObservationRow(
        0,
        agency,
        List.of(definition.id(), value.area()),
        value.period(),
        value.value(),
        attributeIds,
        attributeIds.stream().map(attributes::get).toList(),
        null,
        null,
        null);
  }

  /** "WORKERS 2021: 100755 PERSONS (dataset 12, version 1) / COOPS 2021: 5605 NUMBER (…)". */
  private static String lineage(IndicatorDef definition, IndicatorValue value) {
    return source(definition.numerator(), value.numerator())
        + " / "
        + source(definition.denominatorInput(), value.denominator());
  }

  private static String source(Input definition, InputValue input) {
    return definition.measure()
        + " "
        + input.period()
        + ": "
        + input.value().toPlainString()
        + (input.unitMult() == 0 ? "" : "e" + input.unitMult())
        + " "
        + input.unitMeasure()
        + " (dataset "
        + input.dataset()
        + (input.version() == null ? "" : ", version " + input.version())
        + ")";
  }

  private static List<String> providers(Map<String, List<String>> parameters) {
    return parameters.get("provider");
  }

  /**
   * The providers a ratio's denominator is taken from: denominatorProvider=, else those of the
   * numerator when both are of one structure; a denominator of another structure (CONTEXT's
   * population, say) comes from whichever provider publishes it unless denominatorProvider says.
   */
  private static List<String> denominatorProviders(
      IndicatorDef definition, Map<String, List<String>> parameters) {
    List<String> chosen = parameters.get("denominatorProvider");
    if (chosen != null) {
      return chosen;
    }
    boolean sameStructure =
        definition.denominator().structure().equals(definition.numerator().structure());
    return sameStructure ? providers(parameters) : null;
  }

  /** The released values of one input for the query's areas and periods. */
  private List<InputValue> read(
      Input input,
      List<String> providers,
      Map<String, List<String>> parameters,
      String startPeriod,
      OffsetDateTime now) {
    DataStructure structure = structure(input);
    Map<String, List<String>> query = new HashMap<>();
    key(input).forEach((dimension, code) -> query.put(dimension, List.of(code)));
    for (String name : List.of(DataStructure.REF_AREA, "endPeriod", "asOf")) {
      if (parameters.containsKey(name)) {
        query.put(name, parameters.get(name));
      }
    }
    if (startPeriod != null) {
      query.put("startPeriod", List.of(startPeriod));
    }
    if (providers != null) {
      query.put("provider", providers);
    }
    ObservationQuery parsed = new ObservationQueryParser(structure).parse(query, null, false, now);
    return collect(parsed, structure);
  }

  private List<InputValue> collect(ObservationQuery query, DataStructure structure) {
    int area =
        structure
            .seriesDimensions()
            .indexOf(structure.dimension(DataStructure.REF_AREA).orElseThrow());
    List<ObservationRow> rows = new ArrayList<>();
    try (ObservationCursor cursor = observations.open(query, structure)) {
      while (cursor.hasNext()) {
        rows.add(cursor.next());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading an indicator's inputs failed", e);
    }
    Map<ReleaseVersions.Release, Integer> released = versions.of(rows);
    List<InputValue> values = new ArrayList<>(rows.size());
    for (ObservationRow row : rows) {
      String multiplier = row.attribute("UNIT_MULT");
      values.add(
          new InputValue(
              row.key().get(area),
              row.timePeriod(),
              row.value(),
              row.attribute("UNIT_MEASURE"),
              multiplier == null ? 0 : Integer.parseInt(multiplier),
              row.attribute("OBS_STATUS"),
              row.attribute("CONF_STATUS"),
              row.datasetId(),
              row.providerId(),
              released.get(new ReleaseVersions.Release(row.datasetId(), row.validFrom())),
              row.validFrom()));
    }
    return values;
  }

  /** The code list of the numerator's areas, for labels. */
  public CodeList areas(IndicatorDef definition) {
    DataStructure structure = structure(definition.numerator());
    return structure.codeList(
        structure.dimension(DataStructure.REF_AREA).orElseThrow().codeListId());
  }

  private DataStructure structure(Input input) {
    return catalog
        .catalog()
        .structure(input.structure())
        .orElseThrow(
            () -> new IllegalStateException("An indicator names structure " + input.structure()));
  }

  private boolean bothMoney(IndicatorDef definition) {
    Input denominator = definition.denominatorInput();
    return isMoney(definition.numerator()) && isMoney(denominator);
  }

  private boolean isMoney(Input input) {
    MeasureDef measure = structure(input).measures().get(input.measure());
    return measure != null && "MONEY".equals(measure.quantity());
  }

  private static TimePeriod period(Map<String, List<String>> parameters, String name) {
    return QueryParameters.parsed(
        parameters, name, TimePeriod::parse, "a period: use " + TimePeriod.FORMATS);
  }

  private static Integer integer(Map<String, List<String>> parameters, String name) {
    return QueryParameters.parsed(
        parameters, name, IndicatorService::wholeNumber, "a whole number");
  }

  private static java.util.Optional<Integer> wholeNumber(String text) {
    try {
      return java.util.Optional.of(Integer.valueOf(text));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static <T> Page<T> page(List<T> all, PageRequest page) {
    int from = (int) Math.min(all.size(), page.offset());
    int to = (int) Math.min(all.size(), (long) from + page.limit());
    return new Page<>(List.copyOf(all.subList(from, to)), all.size(), page.offset(), page.limit());
  }
}
