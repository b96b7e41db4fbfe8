package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.common.Validators;
import org.coopstats.dataset.Dataset;
import org.coopstats.observation.Landmarks;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationReader;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.Visibility;
import org.coopstats.security.Access;

/**
 * Answers observation queries in two steps, so that a client whose copy is current costs no read of
 * observations: {@link #prepare} parses the query and dates its answer, {@link #find} runs it.
 */
@ApplicationScoped
public class ObservationService {

  private final CatalogService catalog;
  private final ObservationQueryRepository repository;
  private final Access access;
  private final DataValidators dataValidators;
  private final QueryTotals totals;
  private final Clock clock;

  public ObservationService(
      CatalogService catalog,
      ObservationQueryRepository repository,
      Access access,
      DataValidators dataValidators,
      QueryTotals totals,
      Clock clock) {
    this.catalog = catalog;
    this.repository = repository;
    this.access = access;
    this.dataValidators = dataValidators;
    this.totals = totals;
    this.clock = clock;
  }

  /** The parameter naming the structure a query of all published data is about. */
  public static final String STRUCTURE = "structure";

  /**
   * The query parameters taken: those of every query of the structure, with {@code view} instead of
   * {@code dataset} (and no {@code structure}) for the query of one dataset.
   *
   * @param dataset the dataset of a dataset-scoped query, or null for the published data of all
   */
  public List<String> allowedParameters(Dataset dataset, Map<String, List<String>> parameters) {
    List<String> allowed =
        new ArrayList<>(
            new ObservationQueryParser(structure(parameters, dataset)).allowedParameters());
    if (dataset != null) {
      allowed.remove("dataset");
      allowed.add("view");
    } else {
      allowed.add(STRUCTURE);
    }
    return allowed;
  }

  /**
   * The structure of the query: the dataset's, or the one {@code structure} names (a 400 naming the
   * structures when it names none of them), COOP_STATS by default.
   */
  public DataStructure structure(Map<String, List<String>> parameters, Dataset dataset) {
    if (dataset != null) {
      return catalog.catalog().structure(dataset.structureId).orElseThrow();
    }
    String id = QueryParameters.single(parameters, STRUCTURE);
    if (id == null) {
      return catalog.coopStats();
    }
    DataStructure named =
        catalog
            .catalog()
            .structure(id)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "structure '"
                            + id
                            + "' is not a data structure of this service; use one of "
                            + String.join(", ", catalog.catalog().structures().keySet())
                            + " (GET /api/v1/structures)."));
    if (named.derived()) {
      throw ProblemException.badRequest(
          "structure '"
              + id
              + "' holds derived values: GET /api/v1/indicators/{id}/values computes them (or"
              + " /sdmx/v2.1/data/"
              + id
              + ").");
    }
    return named;
  }

  /**
   * Parses a query (a 400 naming what is wrong) and dates its answer.
   *
   * @param dataset the dataset of a dataset-scoped query, or null for the published data of all
   */
  public ObservationAnswer prepare(
      Map<String, List<String>> parameters, ObservationFormat format, Dataset dataset) {
    DataStructure structure = structure(parameters, dataset);
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean insider = dataset != null && access.canSeeUnreleased(dataset.providerId);
    ObservationQuery query =
        new ObservationQueryParser(structure)
            .parse(parameters, dataset == null ? null : dataset.id, insider, now);
    Visibility.Kind kind = query.visibility().kind();
    requireOneValuePerCell(format, kind);
    String labels = QueryParameters.single(parameters, "labels");
    String lang = QueryParameters.single(parameters, "lang");
    ObservationRenderer renderer =
        new ObservationRenderer(
            structure,
            labels,
            lang,
            kind == Visibility.Kind.HISTORY,
            kind == Visibility.Kind.CHANGES || kind == Visibility.Kind.DRAFT);
    Validators validators =
        query.visibility().isUnreleased()
            ? DataValidators.unreleased(dataset.updatedAt, format.variant())
            : dataValidators.released(now, format.variant(), false);
    return new ObservationAnswer(structure, query, format, renderer, lang, validators);
  }

  /**
   * The page of rows the query asks for. Released views take their total (and deep pages their
   * landmarks) from {@link QueryTotals}, computed once per filter and release; what only a provider
   * sees (draft, preview) is counted exactly every time and never shares an entry with them.
   */
  public Page<ObservationRow> find(ObservationAnswer answer) {
    ObservationQuery query = answer.query();
    if (query.visibility().isUnreleased()) {
      return repository.find(query, answer.structure());
    }
    return repository.find(
        query, answer.structure(), totals.every(), () -> totals.of(query, answer.structure()));
  }

  /**
   * A cursor on the page of rows the query asks for, to be written as it is read (CSV), and its
   * total: for released views {@link QueryTotals}' (computed once per filter and release, and the
   * landmarks a deep page seeks past), else counted with the page. The caller closes it.
   */
  public ObservationReader.PageCursor open(ObservationAnswer answer) {
    ObservationQuery query = answer.query();
    Landmarks marks =
        query.visibility().isUnreleased() ? null : totals.of(query, answer.structure());
    return repository.openPage(query, answer.structure(), marks);
  }

  private static void requireOneValuePerCell(ObservationFormat format, Visibility.Kind kind) {
    if (format == ObservationFormat.JSONSTAT
        && (kind == Visibility.Kind.HISTORY || kind == Visibility.Kind.CHANGES)) {
      throw ProblemException.badRequest(
          "format=jsonstat holds one value per cell: includeHistory and updatedAfter are not"
              + " offered with it; use format=json or csv.");
    }
  }
}
