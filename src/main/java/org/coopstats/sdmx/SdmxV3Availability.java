package org.coopstats.sdmx;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.Catalog;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationReader.DistinctCodes;
import org.coopstats.observation.Visibility;
import org.coopstats.sdmx.SdmxComponentFilter.Operator;
import org.coopstats.sdmx.SdmxStructureWriter.Content;
import org.coopstats.validation.TimePeriod;

/**
 * The availability query of the SDMX REST 2.x API: the codes of each dimension that released data
 * has for a key and filters ({@code mode=exact}), or the codes still worth adding to the query,
 * each dimension's own selection left out ({@code mode=available}), and the time range covered.
 * Read by the grouped statement of {@link SdmxAvailability} (cached until the next release), once
 * per key, and in mode available once more per dimension.
 */
@ApplicationScoped
public class SdmxV3Availability {

  static final Set<String> PARAMETERS = Set.of("mode", "references", "updatedAfter", "format");

  /** The operators of a time filter the statement can read: a range. */
  private static final Set<Operator> RANGE =
      EnumSet.of(Operator.EQ, Operator.GE, Operator.GT, Operator.LE, Operator.LT);

  /** The codes available per dimension (in code-list order) and the time range, or nulls. */
  record Answer(
      Map<String, Collection<String>> codes, LocalDate start, LocalDate end, String mode) {}

  /** One key's selection: codes per series dimension (absent: any) and the period range. */
  private record Selection(Map<String, Set<String>> codes, TimePeriod start, TimePeriod end) {}

  private final SdmxAvailability availability;

  public SdmxV3Availability(SdmxAvailability availability) {
    this.availability = availability;
  }

  Answer answer(
      DataStructure structure,
      String key,
      String components,
      Map<String, List<String>> parameters,
      OffsetDateTime now) {
    rejectUnknown(parameters.keySet());
    if (structure.derived()) {
      throw SdmxDataRequest.notImplemented(
          "Availability is not computed for the derived dataflow "
              + structure.id()
              + ": ask for its data (/sdmx/v3/data/dataflow/"
              + structure.agency()
              + "/"
              + structure.id()
              + "), or GET /api/v1/indicators for what it holds.");
    }
    String mode = mode(QueryParameters.single(parameters, "mode"));
    Set<String> wanted = components(structure, components);
    List<Selection> selections = selections(structure, key, parameters);
    Visibility visibility = visibility(parameters, now);
    Answer answer =
        mode.equals("exact")
            ? exact(structure, selections, visibility, wanted)
            : available(structure, selections, visibility, wanted);
    if (answer.codes().values().stream().allMatch(Collection::isEmpty) && answer.start() == null) {
      throw ProblemException.notFound(
          "No data for this query: no released observation matches the key and filters.");
    }
    return answer;
  }

  private static void rejectUnknown(Set<String> names) {
    for (String name : names) {
      if (!PARAMETERS.contains(name) && !SdmxComponentFilter.isFilter(name)) {
        throw ProblemException.badRequest(
            "Unknown query parameter '"
                + name
                + "'. Parameters: c[COMPONENT], "
                + String.join(", ", PARAMETERS.stream().sorted().toList())
                + ".");
      }
    }
  }

  private static String mode(String mode) {
    if (mode == null || mode.equals("exact") || mode.equals("available")) {
      return mode == null ? "exact" : mode;
    }
    throw ProblemException.badRequest("mode '" + mode + "' is unknown: use exact or available.");
  }

  /** The components asked for: {@code *} (or none) every dimension and the time dimension. */
  private static Set<String> components(DataStructure structure, String components) {
    Set<String> all = new LinkedHashSet<>();
    structure.dimensions().forEach(d -> all.add(d.id()));
    if (components == null || components.equals("*") || components.equals("all")) {
      return all;
    }
    Set<String> wanted = new LinkedHashSet<>(List.of(components.split(",", -1)));
    for (String id : wanted) {
      if (!all.contains(id)) {
        throw ProblemException.notFound(
            "'"
                + id
                + "' is not a dimension of "
                + structure.id()
                + ": use "
                + String.join(", ", all)
                + " or *.");
      }
    }
    return wanted;
  }

  /** One selection per key, its codes narrowed by the filters (keys nothing passes dropped). */
  private static List<Selection> selections(
      DataStructure structure, String key, Map<String, List<String>> parameters) {
    Map<String, SdmxComponentFilter> filters = filters(structure, parameters);
    TimePeriod start = null;
    TimePeriod end = null;
    SdmxComponentFilter time = filters.get(structure.timeDimension().id());
    if (time != null) {
      start = time.lowerPeriod();
      end = time.upperPeriod();
    }
    List<DimensionDef> series = structure.seriesDimensions();
    List<Selection> selections = new ArrayList<>();
    for (List<Set<String>> one : SdmxV3Keys.parse(structure, key).keys()) {
      Map<String, Set<String>> codes = codes(structure, series, one, filters);
      if (codes != null) {
        selections.add(new Selection(codes, start, end));
      }
    }
    return selections;
  }

  /** A key's codes per dimension, narrowed by the filters; null when a dimension has none left. */
  private static Map<String, Set<String>> codes(
      DataStructure structure,
      List<DimensionDef> series,
      List<Set<String>> key,
      Map<String, SdmxComponentFilter> filters) {
    Map<String, Set<String>> codes = new LinkedHashMap<>();
    for (int i = 0; i < series.size(); i++) {
      DimensionDef dimension = series.get(i);
      Set<String> wanted = key.get(i);
      SdmxComponentFilter filter = filters.get(dimension.id());
      if (filter != null) {
        Set<String> passing = new LinkedHashSet<>();
        for (Code code : structure.codeList(dimension.codeListId()).codes()) {
          if (filter.test(code.id()) && (wanted == null || wanted.contains(code.id()))) {
            passing.add(code.id());
          }
        }
        wanted = passing;
      }
      if (wanted != null) {
        if (wanted.isEmpty()) {
          return null;
        }
        codes.put(dimension.id(), wanted);
      }
    }
    return codes;
  }

  /** The filters, on dimensions only: the time dimension by a range, the others by any. */
  private static Map<String, SdmxComponentFilter> filters(
      DataStructure structure, Map<String, List<String>> parameters) {
    Map<String, SdmxComponentFilter> filters = new HashMap<>();
    String time = structure.timeDimension().id();
    for (Map.Entry<String, String> entry : SdmxComponentFilter.components(parameters).entrySet()) {
      String component = entry.getKey();
      String expression = entry.getValue();
      if (component.equals(time)) {
        SdmxComponentFilter filter =
            SdmxComponentFilter.parse(component, expression, SdmxComponentFilter.Order.PERIOD);
        requireRange(filter);
        filters.put(component, filter);
      } else if (structure.dimension(component).isPresent()) {
        filters.put(
            component,
            SdmxComponentFilter.parse(component, expression, SdmxComponentFilter.Order.TEXT));
      } else {
        throw SdmxDataRequest.notImplemented(
            "Availability filters on dimensions only: c["
                + component
                + "] is not offered here"
                + " (it is on /sdmx/v3/data).");
      }
    }
    return filters;
  }

  private static void requireRange(SdmxComponentFilter filter) {
    boolean range =
        filter.alternatives().size() == 1
            && filter.alternatives().get(0).stream().allMatch(c -> RANGE.contains(c.operator()));
    if (!range) {
      throw SdmxDataRequest.notImplemented(
          "Availability filters TIME_PERIOD by one range (ge:, gt:, le:, lt:, eq: joined by +),"
              + " e.g. c[TIME_PERIOD]=ge:2020+le:2023.");
    }
  }

  private static Visibility visibility(Map<String, List<String>> parameters, OffsetDateTime now) {
    String updatedAfter = QueryParameters.single(parameters, "updatedAfter");
    return updatedAfter == null
        ? Visibility.asOf(now)
        : new Visibility(Visibility.Kind.CHANGES, now, SdmxDataRequest.timestamp(updatedAfter));
  }

  private Answer exact(
      DataStructure structure,
      List<Selection> selections,
      Visibility visibility,
      Set<String> wanted) {
    List<Set<String>> present = emptyCodes(structure);
    Range range = new Range();
    for (Selection selection : selections) {
      DistinctCodes read = read(structure, selection, visibility);
      addAll(present, read.codes());
      range.add(read);
    }
    return answer(structure, present, range, wanted, "exact");
  }

  /** Per dimension, the codes present with that dimension's own selection left out. */
  private Answer available(
      DataStructure structure,
      List<Selection> selections,
      Visibility visibility,
      Set<String> wanted) {
    List<DimensionDef> series = structure.seriesDimensions();
    List<Set<String>> present = emptyCodes(structure);
    Range range = new Range();
    for (Selection selection : selections) {
      for (int i = 0; i < series.size(); i++) {
        if (!wanted.contains(series.get(i).id())) {
          continue;
        }
        Map<String, Set<String>> others = new LinkedHashMap<>(selection.codes());
        others.remove(series.get(i).id());
        DistinctCodes read =
            read(structure, new Selection(others, selection.start(), selection.end()), visibility);
        present.get(i).addAll(read.codes().get(i));
      }
      range.add(read(structure, new Selection(selection.codes(), null, null), visibility));
    }
    return answer(structure, present, range, wanted, "available");
  }

  private DistinctCodes read(DataStructure structure, Selection selection, Visibility visibility) {
    ObservationQuery query =
        new ObservationQuery(
            selection.codes(),
            selection.start(),
            selection.end(),
            Set.of(),
            Set.of(),
            visibility,
            new PageRequest(0, SdmxDataRequest.BATCH));
    return availability.distinctCodes(query, structure);
  }

  /** The time range covered: the first start and the last end read. */
  private static final class Range {
    private LocalDate start;
    private LocalDate end;

    void add(DistinctCodes read) {
      if (read.firstStart() != null && (start == null || read.firstStart().isBefore(start))) {
        start = read.firstStart();
      }
      if (read.lastEnd() != null && (end == null || read.lastEnd().isAfter(end))) {
        end = read.lastEnd();
      }
    }
  }

  private static List<Set<String>> emptyCodes(DataStructure structure) {
    List<Set<String>> codes = new ArrayList<>();
    structure.seriesDimensions().forEach(d -> codes.add(new LinkedHashSet<>()));
    return codes;
  }

  private static void addAll(List<Set<String>> into, List<Set<String>> codes) {
    for (int i = 0; i < into.size(); i++) {
      into.get(i).addAll(codes.get(i));
    }
  }

  /** The answer for the components wanted: codes in code-list order, then codes not in it. */
  private static Answer answer(
      DataStructure structure,
      List<Set<String>> present,
      Range range,
      Set<String> wanted,
      String mode) {
    List<DimensionDef> series = structure.seriesDimensions();
    Map<String, Collection<String>> codes = new LinkedHashMap<>();
    for (int i = 0; i < series.size(); i++) {
      DimensionDef dimension = series.get(i);
      if (!wanted.contains(dimension.id())) {
        continue;
      }
      Set<String> here = present.get(i);
      List<String> ordered = new ArrayList<>();
      structure.codeList(dimension.codeListId()).codes().stream()
          .map(Code::id)
          .filter(here::contains)
          .forEach(ordered::add);
      here.stream().filter(c -> !ordered.contains(c)).sorted().forEach(ordered::add);
      codes.put(dimension.id(), ordered);
    }
    boolean time = wanted.contains(structure.timeDimension().id());
    return new Answer(codes, time ? range.start : null, time ? range.end : null, mode);
  }

  /**
   * The artefacts {@code references} adds to an availability message: none, or the dataflow, its
   * data structure, concept scheme and code lists (all), or some of them.
   */
  static Content references(Catalog catalog, DataStructure structure, String references) {
    List<DataStructure> flows = new ArrayList<>();
    List<DataStructure> structures = new ArrayList<>();
    List<DataStructure> schemes = new ArrayList<>();
    Map<String, org.coopstats.catalog.CodeList> lists = new LinkedHashMap<>();
    String text = references == null ? "none" : references;
    for (String reference : text.split(",", -1)) {
      boolean all = reference.equals("all");
      switch (reference) {
        case "none", "all", "dataflow", "datastructure", "conceptscheme", "codelist" -> {
          // handled below
        }
        case "dataproviderscheme" ->
            throw SdmxDataRequest.notImplemented(
                "references=dataproviderscheme is not offered: providers are at GET"
                    + " /api/v1/providers.");
        default ->
            throw ProblemException.badRequest(
                "references '"
                    + reference
                    + "' is unknown: use none, all, dataflow,"
                    + " datastructure, conceptscheme or codelist.");
      }
      addIf(all || reference.equals("dataflow"), flows, structure);
      addIf(all || reference.equals("datastructure"), structures, structure);
      addIf(all || reference.equals("conceptscheme"), schemes, structure);
      if (all || reference.equals("codelist")) {
        Content lists0 =
            SdmxStructures.select(
                catalog,
                SdmxStructures.Type.DATASTRUCTURE,
                structure.agency(),
                structure.id(),
                structure.version(),
                "codelist",
                null);
        lists0.codeLists().forEach(l -> lists.putIfAbsent(l.agency() + ":" + l.id(), l));
      }
    }
    return new Content(flows, structures, schemes, List.copyOf(lists.values()));
  }

  private static void addIf(boolean wanted, List<DataStructure> into, DataStructure structure) {
    if (wanted && !into.contains(structure)) {
      into.add(structure);
    }
  }
}
