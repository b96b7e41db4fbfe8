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

  /**
   * The query parameters taken: those of every query, with {@code view} instead of {@code dataset}
   * for the query of one dataset.
   *
   * @param dataset the dataset of a dataset-scoped query, or null for the published data of all
   */
  public List<String> allowedParameters(Dataset dataset) {
    List<String> allowed =
        new ArrayList<>(new ObservationQueryParser(catalog.coopStats()).allowedParameters());
    if (dataset != null) {
      allowed.remove("dataset");
      allowed.add("view");
    }
    return allowed;
  }

  /**
   * Parses a query (a 400 naming what is wrong) and dates its answer.
   *
   * @param dataset the dataset of a dataset-scoped query, or null for the published data of all
   */
  public ObservationAnswer prepare(
      Map<String, List<String>> parameters, ObservationFormat format, Dataset dataset) {
    DataStructure structure = catalog.coopStats();
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
