package org.coopstats.table;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.Visibility;
import org.coopstats.query.ObservationQueryRepository;
import org.coopstats.validation.TimePeriod;

/**
 * Reads what a table is made of through the observation queries, released data only: the values
 * current as of the moment asked for (now by default), so nothing in a draft, under embargo or
 * withdrawn is in a table, reported or summed.
 */
@ApplicationScoped
public class TableObservations {

  /** Rows read a round trip. */
  static final int PAGE = 10_000;

  /** The most observations one table is made of: more asks for a narrower request. */
  static final int MAX_ROWS = 200_000;

  private final ObservationQueryRepository repository;

  public TableObservations(ObservationQueryRepository repository) {
    this.repository = repository;
  }

  /**
   * The released observations the table may show or sum, by {@link CellTotals#storageKey}. A 400
   * when two datasets have a value for the same key and period: a table cell holds one.
   */
  public Map<String, ObservationRow> read(
      TableDefinition table, DataStructure structure, TableRequest request, OffsetDateTime at) {
    ObservationQuery all = query(table, structure, request, at);
    Map<String, ObservationRow> rows = new HashMap<>();
    int offset = 0;
    while (true) {
      Page<ObservationRow> page =
          repository.find(
              new ObservationQuery(
                  all.codes(),
                  all.startPeriod(),
                  all.endPeriod(),
                  all.providers(),
                  all.datasets(),
                  all.visibility(),
                  new PageRequest(offset, PAGE)),
              structure);
      if (page.total() > MAX_ROWS) {
        throw ProblemException.badRequest(
            "This table would be made of "
                + page.total()
                + " observations, more than "
                + MAX_ROWS
                + ": narrow it with TIME_PERIOD, startPeriod/endPeriod, provider or dataset.");
      }
      page.items().forEach(row -> keep(rows, row, request));
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        return rows;
      }
    }
  }

  private static void keep(Map<String, ObservationRow> rows, ObservationRow row, TableRequest req) {
    if (req.timePeriod() != null && !req.timePeriod().text().equals(row.timePeriod())) {
      return; // a quarter or month inside the year asked for
    }
    ObservationRow other = rows.put(CellTotals.storageKey(row.key(), row.timePeriod()), row);
    if (other != null) {
      throw ProblemException.badRequest(
          "Datasets "
              + other.datasetId()
              + " and "
              + row.datasetId()
              + " both have a value for "
              + String.join(".", row.key())
              + " in "
              + row.timePeriod()
              + ": a table cell holds one. Choose with dataset= or provider=.");
    }
  }

  /**
   * The query: the area (and, with REF_AREA on an axis, its descendants), the table's measures, and
   * for a dimension on no axis its code or {@code _Z}; every code of a dimension on an axis, whose
   * children a total may need.
   */
  private static ObservationQuery query(
      TableDefinition table, DataStructure structure, TableRequest request, OffsetDateTime at) {
    Map<String, Set<String>> codes = new LinkedHashMap<>();
    for (DimensionDef dimension : structure.seriesDimensions()) {
      String id = dimension.id();
      if (id.equals(DataStructure.REF_AREA)) {
        codes.put(id, areas(structure, dimension, request.refArea(), table.onAxis(id)));
      } else if (id.equals(DataStructure.MEASURE)) {
        codes.put(id, new LinkedHashSet<>(table.measures()));
      } else if (!table.onAxis(id)) {
        codes.put(
            id,
            Set.of(
                table.fixed().getOrDefault(id, DataStructure.TOTAL), DataStructure.NOT_APPLICABLE));
      }
    }
    TimePeriod[] range = range(request);
    return new ObservationQuery(
        codes,
        range[0],
        range[1],
        request.providers(),
        request.datasets(),
        Visibility.asOf(at),
        new PageRequest(0, PAGE));
  }

  private static TimePeriod[] range(TableRequest request) {
    if (request.timePeriod() != null) {
      return new TimePeriod[] {request.timePeriod(), request.timePeriod()};
    }
    return new TimePeriod[] {request.startPeriod(), request.endPeriod()};
  }

  /** The area, and with {@code descendants} every code below it in the code list. */
  private static Set<String> areas(
      DataStructure structure, DimensionDef dimension, String area, boolean descendants) {
    Set<String> areas = new LinkedHashSet<>();
    areas.add(area);
    if (!descendants) {
      return areas;
    }
    CodeList list = structure.codeList(dimension.codeListId());
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Code code : list.codes()) {
        if (code.parentId() != null && areas.contains(code.parentId())) {
          grew |= areas.add(code.id());
        }
      }
    }
    return areas;
  }
}
