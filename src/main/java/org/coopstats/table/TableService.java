package org.coopstats.table;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.observation.ObservationRow;
import org.coopstats.table.TableGrid.Heading;
import org.coopstats.table.TableViews.TableDefinitionView;
import org.coopstats.table.TableViews.TableSummary;

/** The tables: their definitions, and each answered as a grid of released figures. */
@ApplicationScoped
public class TableService {

  /** The counting rules a table follows, as its footnotes say them. */
  static final List<String> RULES =
      List.of(
          "reported: the figure a provider published.",
          "computed: a total the provider did not report, the sum of its children in the code"
              + " list (summedCodes); computed only when every child is reported, in one unit and"
              + " one unit multiplier, and free for publication (CONF_STATUS F).",
          "incomplete: a total some of whose children are not reported (missing, missingCodes);"
              + " it is not computed from an incomplete set.",
          "refused: a total the counting rules do not allow. Memberships never add across levels"
              + " (the members of secondary and tertiary cooperatives are cooperatives); money adds"
              + " only in one currency and one unit multiplier.",
          "Memberships are counted, not persons.");

  private final TableRepository repository;
  private final TableObservations observations;
  private final CatalogService catalog;
  private final QueryBulkhead bulkhead;
  private final Clock clock;

  public TableService(
      TableRepository repository,
      TableObservations observations,
      CatalogService catalog,
      QueryBulkhead bulkhead,
      Clock clock) {
    this.repository = repository;
    this.observations = observations;
    this.catalog = catalog;
    this.bulkhead = bulkhead;
    this.clock = clock;
  }

  public Page<TableSummary> list(PageRequest page, String lang) {
    List<TableSummary> all =
        repository.all().values().stream().map(t -> TableSummary.of(t, lang)).toList();
    int from = Math.min(page.offset(), all.size());
    int to = Math.min(from + page.limit(), all.size());
    return new Page<>(all.subList(from, to), all.size(), page.offset(), page.limit());
  }

  public TableDefinitionView definition(String id, String lang) {
    return TableDefinitionView.of(table(id), lang);
  }

  /** The definition, or a 404 pointing at the list. */
  public TableDefinition table(String id) {
    TableDefinition table = repository.all().get(id);
    if (table == null) {
      throw ProblemException.notFound(
          "There is no table '" + id + "'. GET /api/v1/tables lists them.");
    }
    return table;
  }

  /** The table as a grid of the figures released as of the request's moment (now by default). */
  public TableGrid grid(TableDefinition table, TableRequest request) {
    DataStructure structure = structure(table);
    OffsetDateTime now = OffsetDateTime.now(clock);
    check(table, structure, request, now);
    OffsetDateTime at = request.asOf() == null ? now : request.asOf();
    // within the bound on queries at once, as every public read of observations (503 beyond it)
    Map<String, ObservationRow> read =
        bulkhead.run(() -> observations.read(table, structure, request, at));
    TableLayout layout = new TableLayout(table, structure, request, read);
    List<List<Heading>> columns = layout.headings(table.columns());
    String area = request.refArea();
    return new TableGrid(
        table.id(),
        table.title(request.lang()),
        table.structureId(),
        request.lang(),
        new Heading(
            DataStructure.REF_AREA,
            area,
            layout.codeList(DataStructure.REF_AREA).label(area, request.lang())),
        text(request.timePeriod()),
        text(request.startPeriod()),
        text(request.endPeriod()),
        request.asOf() == null ? null : request.asOf().toString(),
        table.rows().stream().map(TableDefinition.Axis::dimension).toList(),
        table.columns().stream().map(TableDefinition.Axis::dimension).toList(),
        columns,
        layout.rows(columns),
        table.notes(),
        RULES);
  }

  /** A 400 saying what is wrong with the request for this table, before anything is read. */
  public void check(TableDefinition table, TableRequest request) {
    check(table, structure(table), request, OffsetDateTime.now(clock));
  }

  private DataStructure structure(TableDefinition table) {
    return catalog.catalog().structure(table.structureId()).orElseThrow();
  }

  private static void check(
      TableDefinition table, DataStructure structure, TableRequest request, OffsetDateTime now) {
    String areaList = structure.dimension(DataStructure.REF_AREA).orElseThrow().codeListId();
    if (!structure.codeList(areaList).contains(request.refArea())) {
      throw ProblemException.badRequest(
          "'" + request.refArea() + "' is not a code of REF_AREA (code list " + areaList + ").");
    }
    boolean overTime = table.onAxis(TableDefinition.TIME_PERIOD);
    boolean range = request.startPeriod() != null || request.endPeriod() != null;
    if (!overTime && request.timePeriod() == null) {
      throw ProblemException.badRequest(
          "TIME_PERIOD is required: table " + table.id() + " shows one period, e.g. 2021.");
    }
    if (range && (!overTime || request.timePeriod() != null)) {
      throw ProblemException.badRequest(
          overTime
              ? "Give TIME_PERIOD or startPeriod/endPeriod, not both."
              : "startPeriod and endPeriod are for tables over time; table "
                  + table.id()
                  + " shows one period: give TIME_PERIOD.");
    }
    if (request.startPeriod() != null
        && request.endPeriod() != null
        && request.startPeriod().start().isAfter(request.endPeriod().end())) {
      throw ProblemException.badRequest(
          "startPeriod " + request.startPeriod() + " is after endPeriod " + request.endPeriod());
    }
    if (request.asOf() != null && request.asOf().isAfter(now)) {
      throw ProblemException.badRequest(
          "asOf "
              + request.asOf()
              + " is in the future: data can be read as of now at the latest.");
    }
  }

  private static String text(Object period) {
    return period == null ? null : period.toString();
  }
}
